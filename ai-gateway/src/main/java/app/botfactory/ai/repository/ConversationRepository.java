// Conversation memory per (bot, chat), bounded: the newest turns only.
package app.botfactory.ai.repository;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.UUID;

@ApplicationScoped
public class ConversationRepository {

    /** Turns kept per chat; older ones are deleted as new ones arrive. */
    public static final int KEEP = 20;

    /** One turn of a conversation: role "user" (the customer) or "model" (the bot). */
    public record Turn(String role, String text) { }

    /** The last `n` turns, oldest first. */
    @SuppressWarnings("unchecked")
    public Uni<List<Turn>> last(UUID botId, String chatKey, int n) {
        return Panache.getSession().chain(s -> s.createNativeQuery("""
                        SELECT role, text FROM ai.turns WHERE bot_id = ?1 AND chat_key = ?2 ORDER BY id DESC LIMIT ?3""",
                        Object[].class)
                .setParameter(1, botId).setParameter(2, chatKey).setParameter(3, n).getResultList())
                .map(rows -> {
                    List<Turn> turns = new ArrayList<>();
                    for (Object row : rows) {
                        Object[] r = (Object[]) row;
                        turns.add(new Turn((String) r[0], (String) r[1]));
                    }
                    Collections.reverse(turns);
                    return turns;
                });
    }

    public Uni<Void> append(UUID botId, String chatKey, String question, String answer, Instant now) {
        return insert(botId, chatKey, "user", question, now)
                .chain(() -> insert(botId, chatKey, "model", answer, now.plusNanos(1000)))
                .chain(() -> Panache.getSession().chain(s -> s.createNativeQuery("""
                                DELETE FROM ai.turns WHERE bot_id = ?1 AND chat_key = ?2 AND id NOT IN (
                                    SELECT id FROM ai.turns WHERE bot_id = ?1 AND chat_key = ?2 ORDER BY id DESC LIMIT ?3)""")
                        .setParameter(1, botId).setParameter(2, chatKey).setParameter(3, KEEP).executeUpdate()))
                .replaceWithVoid();
    }

    private Uni<Integer> insert(UUID botId, String chatKey, String role, String text, Instant at) {
        return Panache.getSession().chain(s -> s.createNativeQuery("""
                        INSERT INTO ai.turns (bot_id, chat_key, role, text, created_at) VALUES (?1, ?2, ?3, ?4, ?5)""")
                .setParameter(1, botId).setParameter(2, chatKey).setParameter(3, role).setParameter(4, text)
                .setParameter(5, at).executeUpdate());
    }
}

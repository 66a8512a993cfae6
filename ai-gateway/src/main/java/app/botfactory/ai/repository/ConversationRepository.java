// Conversation memory per (bot, chat), bounded: the newest turns only. Turns are appended by
// ReplyJournal with each reply; old ones are trimmed now and then, chats in batches (trim), not on
// every message, so a chat may briefly hold a few more than KEEP turns. Raw reactive SQL: this is
// read for every answered message.
package app.botfactory.ai.repository;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

@ApplicationScoped
public class ConversationRepository {

    /** Turns kept per chat by a trim. */
    public static final int KEEP = 20;

    /** One turn of a conversation: role "user" (the customer) or "model" (the bot). */
    public record Turn(String role, String text) { }

    /** A chat's recent turns, and whether the message about to be answered was answered already. */
    public record Memory(boolean answered, List<Turn> turns) { }

    /** A chat whose memory is to be trimmed. */
    public record Chat(UUID botId, String chatKey) { }

    // One row even for a chat without turns (the LEFT JOIN), so `answered` always comes back.
    private static final String MEMORY = """
            SELECT s.answered, t.role, t.text
            FROM (SELECT EXISTS (SELECT 1 FROM ai.answered WHERE message_id = $3) AS answered) s
            LEFT JOIN LATERAL (
                SELECT id, role, text FROM ai.turns WHERE bot_id = $1 AND chat_key = $2
                ORDER BY id DESC LIMIT $4::int) t ON true
            ORDER BY t.id""";

    private static final String TRIM = """
            DELETE FROM ai.turns t
            USING unnest($1::uuid[], $2::varchar[]) AS c(bot_id, chat_key)
            WHERE t.bot_id = c.bot_id AND t.chat_key = c.chat_key
              AND t.id < (SELECT x.id FROM ai.turns x WHERE x.bot_id = c.bot_id AND x.chat_key = c.chat_key
                          ORDER BY x.id DESC OFFSET $3::int - 1 LIMIT 1)""";

    private final Pool pool;

    public ConversationRepository(Pool pool) {
        this.pool = pool;
    }

    /** The last `n` turns, oldest first, and whether `messageId` (may be null) was answered already. */
    public Uni<Memory> memory(UUID botId, String chatKey, int n, String messageId) {
        return pool.preparedQuery(MEMORY).execute(Tuple.of(botId, chatKey, messageId, n))
                .map(rows -> {
                    boolean answered = false;
                    List<Turn> turns = new ArrayList<>();
                    for (Row row : rows) {
                        answered = row.getBoolean(0);
                        if (row.getString(1) != null) {
                            turns.add(new Turn(row.getString(1), row.getString(2)));
                        }
                    }
                    return new Memory(answered, turns);
                });
    }

    /** Deletes all but the newest KEEP turns of each chat; answers how many turns went. */
    public Uni<Integer> trim(List<Chat> chats) {
        UUID[] botIds = chats.stream().map(Chat::botId).toArray(UUID[]::new);
        String[] chatKeys = chats.stream().map(Chat::chatKey).toArray(String[]::new);
        return pool.preparedQuery(TRIM).execute(Tuple.tuple().addValue(botIds).addValue(chatKeys).addValue(KEEP))
                .map(rows -> rows.rowCount());
    }
}

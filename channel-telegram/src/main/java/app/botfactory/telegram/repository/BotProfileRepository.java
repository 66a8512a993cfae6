// Bots this channel serves, by id and owner. `insertIfAbsent` lets a lookup in bot-service fill a gap
// without racing the bot.events consumer (whichever writes first wins; the event then updates it).
package app.botfactory.telegram.repository;

import app.botfactory.telegram.domain.BotProfile;
import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;
import java.util.UUID;

@ApplicationScoped
public class BotProfileRepository implements PanacheRepositoryBase<BotProfile, UUID> {

    public Uni<BotProfile> findOwned(UUID botId, UUID ownerId) {
        return find("botId = ?1 and ownerId = ?2", botId, ownerId).firstResult();
    }

    public Uni<Void> insertIfAbsent(UUID botId, UUID ownerId, String welcomeMessage, String status, Instant now) {
        return Panache.getSession().chain(s -> s.createNativeQuery("""
                        INSERT INTO telegram.bots (bot_id, owner_id, welcome_message, status, updated_at)
                        VALUES (?1, ?2, ?3, ?4, ?5) ON CONFLICT (bot_id) DO NOTHING""")
                .setParameter(1, botId).setParameter(2, ownerId).setParameter(3, welcomeMessage)
                .setParameter(4, status).setParameter(5, now)
                .executeUpdate()).replaceWithVoid();
    }
}

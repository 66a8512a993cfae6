// Remembers (botId, update_id) of every update taken in, so Telegram's redeliveries are ignored.
package app.botfactory.telegram.repository;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;
import java.util.UUID;

@ApplicationScoped
public class UpdateLogRepository {

    /** True the first time this update is seen. */
    public Uni<Boolean> firstSighting(UUID botId, long updateId, Instant now) {
        return Panache.getSession().chain(s -> s.createNativeQuery("""
                        INSERT INTO telegram.processed_updates (bot_id, update_id, received_at) VALUES (?1, ?2, ?3)
                        ON CONFLICT DO NOTHING""")
                .setParameter(1, botId).setParameter(2, updateId).setParameter(3, now)
                .executeUpdate()).map(n -> n == 1);
    }

    public Uni<Integer> forgetBefore(Instant cutoff) {
        return Panache.getSession().chain(s -> s.createNativeQuery(
                        "DELETE FROM telegram.processed_updates WHERE received_at < ?1")
                .setParameter(1, cutoff).executeUpdate());
    }
}

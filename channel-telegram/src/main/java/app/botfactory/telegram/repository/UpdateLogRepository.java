// The log of (botId, update_id) taken in (written by UpdateIntakeRepository's group commit), so
// Telegram's redeliveries are ignored; entries older than the redelivery window are forgotten here.
package app.botfactory.telegram.repository;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;
import java.util.UUID;

@ApplicationScoped
public class UpdateLogRepository {

    public Uni<Integer> forgetBefore(Instant cutoff) {
        return Panache.getSession().chain(s -> s.createNativeQuery(
                        "DELETE FROM telegram.processed_updates WHERE received_at < ?1")
                .setParameter(1, cutoff).executeUpdate());
    }
}

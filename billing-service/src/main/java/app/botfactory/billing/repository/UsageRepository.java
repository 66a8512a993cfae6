// Metered usage as the subscription views read it, and the owners' bot counts (the counting
// itself is MeteringRepository's). Native SQL: the bot list is an atomic upsert.
package app.botfactory.billing.repository;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;
import java.util.UUID;

@ApplicationScoped
public class UsageRepository {

    public Uni<Integer> messages(UUID accountId, Instant periodStart) {
        return Panache.getSession().chain(s -> s.createNativeQuery("""
                        SELECT coalesce(max(messages), 0) FROM billing.usage_counters
                        WHERE account_id = ?1 AND period_start = ?2""", Integer.class)
                .setParameter(1, accountId).setParameter(2, periodStart)
                .getSingleResult());
    }

    public Uni<Long> bots(UUID ownerId) {
        return Panache.getSession().chain(s -> s.createNativeQuery(
                        "SELECT count(*) FROM billing.owner_bots WHERE owner_id = ?1", Long.class)
                .setParameter(1, ownerId).getSingleResult());
    }

    public Uni<Void> botUpserted(UUID botId, UUID ownerId) {
        return Panache.getSession().chain(s -> s.createNativeQuery("""
                        INSERT INTO billing.owner_bots (bot_id, owner_id) VALUES (?1, ?2)
                        ON CONFLICT (bot_id) DO NOTHING""")
                .setParameter(1, botId).setParameter(2, ownerId).executeUpdate()).replaceWithVoid();
    }

    public Uni<Void> botDeleted(UUID botId) {
        return Panache.getSession().chain(s -> s.createNativeQuery(
                        "DELETE FROM billing.owner_bots WHERE bot_id = ?1")
                .setParameter(1, botId).executeUpdate()).replaceWithVoid();
    }
}

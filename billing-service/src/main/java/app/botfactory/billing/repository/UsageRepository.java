// Metered usage: idempotent message counting per period, and the owners' bot counts.
// Native SQL because both are atomic upserts that an entity round trip would make racy.
package app.botfactory.billing.repository;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;
import java.util.UUID;

@ApplicationScoped
public class UsageRepository {

    /** True the first time this message id is seen; false for every redelivery. */
    public Uni<Boolean> markCounted(String messageId, UUID accountId, Instant periodStart, Instant now) {
        return Panache.getSession().chain(s -> s.createNativeQuery("""
                        INSERT INTO billing.metered_messages (message_id, account_id, period_start, counted_at)
                        VALUES (?1, ?2, ?3, ?4) ON CONFLICT (message_id) DO NOTHING""")
                .setParameter(1, messageId).setParameter(2, accountId)
                .setParameter(3, periodStart).setParameter(4, now)
                .executeUpdate()).map(inserted -> inserted == 1);
    }

    /** Adds one message to the period's counter and returns the new total. */
    public Uni<Integer> increment(UUID accountId, Instant periodStart) {
        return Panache.getSession().chain(s -> s.createNativeQuery("""
                        INSERT INTO billing.usage_counters AS u (account_id, period_start, messages)
                        VALUES (?1, ?2, 1)
                        ON CONFLICT (account_id, period_start) DO UPDATE SET messages = u.messages + 1
                        RETURNING messages""", Integer.class)
                .setParameter(1, accountId).setParameter(2, periodStart)
                .getSingleResult());
    }

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

// The entitlement read model; `lockForOwner` serialises concurrent bot creations of one owner, `upsert`
// is shared by the billing.entitlements consumer and the read-your-writes refresh from billing's API.
package app.botfactory.bots.repository;

import app.botfactory.bots.domain.Entitlement;
import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;

import java.time.Instant;
import java.util.UUID;

@ApplicationScoped
public class EntitlementRepository implements PanacheRepositoryBase<Entitlement, UUID> {

    public Uni<Entitlement> lockForOwner(UUID ownerId) {
        return findById(ownerId, LockModeType.PESSIMISTIC_WRITE);
    }

    /**
     * Last write wins per owner, in one atomic statement: the billing.entitlements consumer and the
     * read-your-writes refresh may store the same new owner at the same moment (a find-then-insert
     * made one of them fail on the primary key). Must run inside a transaction; answers the stored values.
     */
    public Uni<Entitlement> upsert(UUID ownerId, String plan, String status, int botLimit, int monthlyMessageLimit,
                                   int messagesUsed, Instant periodEnd, Instant now) {
        Entitlement e = new Entitlement();
        e.ownerId = ownerId;
        e.plan = plan;
        e.status = status;
        e.botLimit = botLimit;
        e.monthlyMessageLimit = monthlyMessageLimit;
        e.messagesUsed = messagesUsed;
        e.periodEnd = periodEnd;
        e.updatedAt = now;
        return getSession().chain(session -> session.createNativeQuery("""
                        INSERT INTO bots.entitlements (owner_id, plan, status, bot_limit, monthly_message_limit,
                            messages_used, period_end, updated_at)
                        VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)
                        ON CONFLICT (owner_id) DO UPDATE SET plan = EXCLUDED.plan, status = EXCLUDED.status,
                            bot_limit = EXCLUDED.bot_limit, monthly_message_limit = EXCLUDED.monthly_message_limit,
                            messages_used = EXCLUDED.messages_used, period_end = EXCLUDED.period_end,
                            updated_at = EXCLUDED.updated_at""")
                .setParameter(1, ownerId).setParameter(2, plan).setParameter(3, status).setParameter(4, botLimit)
                .setParameter(5, monthlyMessageLimit).setParameter(6, messagesUsed).setParameter(7, periodEnd)
                .setParameter(8, now)
                .executeUpdate()).replaceWith(e);
    }
}

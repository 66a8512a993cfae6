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

    /** Last write wins per owner; must run inside a transaction. */
    public Uni<Entitlement> upsert(UUID ownerId, String plan, String status, int botLimit, int monthlyMessageLimit,
                                   int messagesUsed, Instant periodEnd, Instant now) {
        return findById(ownerId).chain(existing -> {
            Entitlement e = existing == null ? new Entitlement() : existing;
            e.ownerId = ownerId;
            e.plan = plan;
            e.status = status;
            e.botLimit = botLimit;
            e.monthlyMessageLimit = monthlyMessageLimit;
            e.messagesUsed = messagesUsed;
            e.periodEnd = periodEnd;
            e.updatedAt = now;
            return existing == null ? persist(e) : Uni.createFrom().item(e);
        });
    }
}

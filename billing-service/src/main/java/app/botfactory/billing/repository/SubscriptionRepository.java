// Subscriptions by account, and those whose period has run out (for the lifecycle job).
package app.botfactory.billing.repository;

import app.botfactory.billing.domain.Subscription;
import app.botfactory.billing.domain.SubscriptionStatus;
import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

@ApplicationScoped
public class SubscriptionRepository implements PanacheRepositoryBase<Subscription, UUID> {

    public Uni<Subscription> lock(UUID accountId) {
        return findById(accountId, LockModeType.PESSIMISTIC_WRITE);
    }

    public Uni<List<Subscription>> due(Instant now, int limit) {
        return find("status <> ?1 and currentPeriodEnd <= ?2 order by currentPeriodEnd",
                SubscriptionStatus.EXPIRED, now).page(0, limit).list();
    }
}

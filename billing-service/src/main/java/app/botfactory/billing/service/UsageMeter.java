// Counts each delivered answer once per period (by messageId, so redelivery never double-counts)
// and publishes a new entitlement at the moment the owner's monthly allowance is used up.
package app.botfactory.billing.service;

import app.botfactory.billing.repository.PlanRepository;
import app.botfactory.billing.repository.SubscriptionRepository;
import app.botfactory.billing.repository.UsageRepository;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.time.Clock;
import java.time.Instant;
import java.util.Set;
import java.util.UUID;

@ApplicationScoped
public class UsageMeter {

    /** Replies that cost the owner a message: the bot answered (or politely could not). */
    public static final Set<String> METERED_KINDS = Set.of("ANSWER", "FALLBACK");

    private static final Logger LOG = Logger.getLogger(UsageMeter.class);

    private final SubscriptionRepository subscriptions;
    private final PlanRepository plans;
    private final UsageRepository usage;
    private final EntitlementPublisher entitlements;
    private final Clock clock;

    public UsageMeter(SubscriptionRepository subscriptions, PlanRepository plans, UsageRepository usage,
                      EntitlementPublisher entitlements, Clock clock) {
        this.subscriptions = subscriptions;
        this.plans = plans;
        this.usage = usage;
        this.entitlements = entitlements;
        this.clock = clock;
    }

    /** Returns true when this call counted the message (false: not metered, unknown owner, or seen). */
    @WithTransaction
    public Uni<Boolean> count(String messageId, UUID ownerId, String kind) {
        if (!METERED_KINDS.contains(kind)) {
            return Uni.createFrom().item(false);
        }
        Instant now = clock.instant();
        return subscriptions.lock(ownerId).chain(sub -> {
            if (sub == null) {
                LOG.infof("usage not metered message=%s owner=%s reason=no-subscription", messageId, ownerId);
                return Uni.createFrom().item(false);
            }
            return usage.markCounted(messageId, ownerId, sub.currentPeriodStart, now).chain(first -> !first
                    ? Uni.createFrom().item(false)
                    : usage.increment(ownerId, sub.currentPeriodStart)
                            .chain(total -> plans.findById(sub.planCode).chain(plan -> total == plan.monthlyMessageLimit
                                    ? entitlements.publish(sub, plan, total, now, "message-limit-reached")
                                    : Uni.createFrom().voidItem()))
                            .replaceWith(true));
        });
    }
}

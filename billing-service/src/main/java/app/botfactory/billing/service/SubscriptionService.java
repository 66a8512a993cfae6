// Trials, plan changes, cancellation and the period lifecycle of each account's subscription.
// Every change publishes the new entitlement through the outbox in the same transaction.
package app.botfactory.billing.service;

import app.botfactory.billing.domain.Plan;
import app.botfactory.billing.domain.Subscription;
import app.botfactory.billing.domain.SubscriptionStatus;
import app.botfactory.billing.payment.PaymentGateway;
import app.botfactory.billing.repository.PlanRepository;
import app.botfactory.billing.repository.SubscriptionRepository;
import app.botfactory.billing.repository.UsageRepository;
import app.botfactory.platform.web.ApiException;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Locale;
import java.util.UUID;

@ApplicationScoped
public class SubscriptionService {

    /** A subscription together with what the owner has used of it in the current period. */
    public record View(Subscription subscription, Plan plan, int messages, long bots) { }

    private final SubscriptionRepository subscriptions;
    private final PlanRepository plans;
    private final UsageRepository usage;
    private final EntitlementPublisher entitlements;
    private final PaymentGateway payments;
    private final Clock clock;

    public SubscriptionService(SubscriptionRepository subscriptions, PlanRepository plans, UsageRepository usage,
                               EntitlementPublisher entitlements, PaymentGateway payments, Clock clock) {
        this.subscriptions = subscriptions;
        this.plans = plans;
        this.usage = usage;
        this.entitlements = entitlements;
        this.payments = payments;
        this.clock = clock;
    }

    @WithTransaction
    public Uni<View> startTrial(UUID accountId) {
        Instant now = now();
        return subscriptions.lock(accountId).chain(existing -> {
            if (existing != null && existing.trialStartedAt != null) {
                return Uni.createFrom().failure(ApiException.conflict("trial-used",
                        "This account has already used its free trial. Choose a plan to continue."));
            }
            if (existing != null && existing.status.grantsAccess()) {
                return Uni.createFrom().failure(ApiException.conflict("already-subscribed",
                        "This account already has an active " + existing.planCode + " subscription."));
            }
            return plan(Plan.TRIAL).chain(trial -> {
                Subscription sub = existing == null ? newSubscription(accountId, now) : existing;
                sub.planCode = trial.code;
                sub.status = SubscriptionStatus.TRIALING;
                sub.trialStartedAt = now;
                startPeriod(sub, now, now.plus(Duration.ofDays(trial.trialDays)));
                return save(sub, existing == null).call(s -> entitlements.publish(s, trial, 0, now, "trial-started"))
                        .chain(s -> view(s, trial));
            });
        }).onFailure(SubscriptionService::isDuplicateAccount).transform(e -> ApiException.conflict("trial-used",
                "This account has already used its free trial. Choose a plan to continue."));
    }

    @WithTransaction
    public Uni<View> changePlan(UUID accountId, String requestedPlan) {
        String code = requestedPlan.trim().toUpperCase(Locale.ROOT);
        if (Plan.TRIAL.equals(code)) {
            return Uni.createFrom().failure(ApiException.validation("plan",
                    "the free trial is started with POST /api/subscriptions/trial"));
        }
        Instant now = now();
        return plans.findById(code)
                .onItem().ifNull().failWith(() -> ApiException.validation("plan", "unknown plan '" + requestedPlan
                        + "'; see GET /api/plans"))
                .chain(plan -> payments.charge(accountId, plan.code, plan.priceMonthlyCents, plan.currency)
                        .invoke(charge -> {
                            if (!charge.approved()) {
                                throw new ApiException(402, "payment-required", "Payment Required",
                                        "The payment for this plan was not completed.");
                            }
                        })
                        .chain(charge -> subscriptions.lock(accountId))
                        .chain(existing -> {
                            Subscription sub = existing == null ? newSubscription(accountId, now) : existing;
                            boolean freshPeriod = existing == null || sub.status == SubscriptionStatus.TRIALING
                                    || sub.status == SubscriptionStatus.EXPIRED;
                            sub.planCode = plan.code;
                            sub.status = SubscriptionStatus.ACTIVE;
                            if (freshPeriod) {
                                startPeriod(sub, now, monthAfter(now));
                            }
                            sub.updatedAt = now;
                            return save(sub, existing == null)
                                    .chain(s -> usage.messages(accountId, s.currentPeriodStart)
                                            .call(used -> entitlements.publish(s, plan, used, now, "plan-changed")))
                                    .chain(used -> view(sub, plan));
                        }));
    }

    @WithTransaction
    public Uni<View> cancel(UUID accountId) {
        Instant now = now();
        return subscriptions.lock(accountId)
                .onItem().ifNull().failWith(SubscriptionService::neverSubscribed)
                .chain(sub -> plan(sub.planCode).chain(plan -> {
                    if (sub.status != SubscriptionStatus.TRIALING && sub.status != SubscriptionStatus.ACTIVE) {
                        return view(sub, plan);
                    }
                    sub.status = SubscriptionStatus.CANCELED;
                    sub.updatedAt = now;
                    return usage.messages(accountId, sub.currentPeriodStart)
                            .call(used -> entitlements.publish(sub, plan, used, now, "canceled"))
                            .chain(used -> view(sub, plan));
                }));
    }

    @WithSession
    public Uni<View> current(UUID accountId) {
        return subscriptions.findById(accountId)
                .onItem().ifNull().failWith(SubscriptionService::neverSubscribed)
                .chain(sub -> plan(sub.planCode).chain(plan -> view(sub, plan)));
    }

    /**
     * Moves every subscription whose period ended: trials and canceled plans expire, active plans
     * roll into their next month (usage starts again at zero). Returns how many changed.
     */
    @WithTransaction
    public Uni<Integer> advancePeriods(int batch) {
        Instant now = now();
        return subscriptions.due(now, batch).chain(due -> {
            Uni<Void> chain = Uni.createFrom().voidItem();
            for (Subscription sub : due) {
                chain = chain.chain(() -> plan(sub.planCode).chain(plan -> advance(sub, plan, now)));
            }
            return chain.replaceWith(due.size());
        });
    }

    private Uni<Void> advance(Subscription sub, Plan plan, Instant now) {
        sub.updatedAt = now;
        if (sub.status == SubscriptionStatus.ACTIVE) {
            Instant start = sub.currentPeriodEnd;
            Instant end = monthAfter(start);
            while (!end.isAfter(now)) {
                start = end;
                end = monthAfter(start);
            }
            startPeriod(sub, start, end);
            return entitlements.publish(sub, plan, 0, now, "period-renewed");
        }
        sub.status = SubscriptionStatus.EXPIRED;
        return usage.messages(sub.accountId, sub.currentPeriodStart)
                .chain(used -> entitlements.publish(sub, plan, used, now, "expired"));
    }

    private Uni<View> view(Subscription sub, Plan plan) {
        return usage.messages(sub.accountId, sub.currentPeriodStart)
                .chain(messages -> usage.bots(sub.accountId).map(bots -> new View(sub, plan, messages, bots)));
    }

    private Uni<Plan> plan(String code) {
        return plans.findById(code)
                .onItem().ifNull().failWith(() -> new IllegalStateException("plan missing from catalogue: " + code));
    }

    private Uni<Subscription> save(Subscription sub, boolean isNew) {
        return isNew ? subscriptions.persist(sub).call(subscriptions::flush) : Uni.createFrom().item(sub);
    }

    private static Subscription newSubscription(UUID accountId, Instant now) {
        Subscription sub = new Subscription();
        sub.accountId = accountId;
        sub.createdAt = now;
        return sub;
    }

    private static void startPeriod(Subscription sub, Instant start, Instant end) {
        sub.currentPeriodStart = start;
        sub.currentPeriodEnd = end;
        sub.updatedAt = start;
    }

    private static Instant monthAfter(Instant start) {
        return start.atZone(ZoneOffset.UTC).plusMonths(1).toInstant();
    }

    private static ApiException neverSubscribed() {
        return ApiException.notFound("no-subscription",
                "This account has no subscription yet. Start a free trial or choose a plan.");
    }

    private static boolean isDuplicateAccount(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (String.valueOf(t.getMessage()).contains("subscriptions_pkey")) {
                return true;
            }
        }
        return false;
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MICROS);
    }
}

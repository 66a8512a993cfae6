// Expires ended trials and canceled plans and renews active ones, on a schedule. The work is in
// SubscriptionService.advancePeriods, which tests drive directly with a controllable clock.
package app.botfactory.billing.service;

import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

@ApplicationScoped
public class SubscriptionLifecycleJob {

    private static final Logger LOG = Logger.getLogger(SubscriptionLifecycleJob.class);
    private static final int BATCH = 500;

    private final SubscriptionService subscriptions;

    public SubscriptionLifecycleJob(SubscriptionService subscriptions) {
        this.subscriptions = subscriptions;
    }

    @Scheduled(every = "${botfactory.billing.lifecycle-interval:60s}", delayed = "10s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> run() {
        return subscriptions.advancePeriods(BATCH)
                .invoke(changed -> {
                    if (changed > 0) {
                        LOG.infof("subscription lifecycle changed=%d", changed);
                    }
                })
                .onFailure().invoke(e -> LOG.warnf("subscription lifecycle failed: %s", e.getMessage()))
                .onFailure().recoverWithItem(0)
                .replaceWithVoid();
    }
}

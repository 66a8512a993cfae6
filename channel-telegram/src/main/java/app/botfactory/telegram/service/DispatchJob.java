// Drives the reply queue: a short tick claims due replies and sends them. Sends of one tick run
// concurrently; the next tick is skipped while one is still busy.
package app.botfactory.telegram.service;

import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;


@ApplicationScoped
public class DispatchJob {

    private static final Logger LOG = Logger.getLogger(DispatchJob.class);

    private final DeliveryService deliveries;

    public DispatchJob(DeliveryService deliveries) {
        this.deliveries = deliveries;
    }

    @Scheduled(every = "${botfactory.telegram.dispatch-interval:0.05s}", delayed = "2s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> tick() {
        return deliveries.dispatchOnce()
                .onFailure().invoke(e -> LOG.warnf("dispatch tick failed: %s", e.getMessage()))
                .onFailure().recoverWithItem(0)
                .replaceWithVoid();
    }
}

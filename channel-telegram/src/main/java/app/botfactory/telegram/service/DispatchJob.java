// Drives the reply queue: a loop claims due replies and sends them, again at once while there is
// a backlog, otherwise after a short pause (RepeatingTask; Quarkus' scheduler cannot go below 1 s).
package app.botfactory.telegram.service;

import app.botfactory.platform.web.RepeatingTask;
import app.botfactory.telegram.config.TelegramConfig;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.vertx.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import java.time.Duration;

@ApplicationScoped
public class DispatchJob {

    private final DeliveryService deliveries;
    private volatile RepeatingTask task;

    public DispatchJob(DeliveryService deliveries) {
        this.deliveries = deliveries;
    }

    void start(@Observes StartupEvent event, Vertx vertx, TelegramConfig config) {
        task = RepeatingTask.start(vertx, "telegram dispatcher", Duration.ofSeconds(2), config.dispatchInterval(),
                deliveries::dispatchOnce);
    }

    void stop(@Observes ShutdownEvent event) {
        if (task != null) {
            task.stop();
        }
    }
}

// Forgets update ids older than Telegram's redelivery window (it retries for about a day).
package app.botfactory.telegram.service;

import app.botfactory.telegram.repository.UpdateLogRepository;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Clock;
import java.time.Duration;

@ApplicationScoped
public class HousekeepingJob {

    private final UpdateLogRepository updates;
    private final Clock clock;

    public HousekeepingJob(UpdateLogRepository updates, Clock clock) {
        this.updates = updates;
        this.clock = clock;
    }

    @Scheduled(every = "1h", delayed = "5m", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    @WithTransaction
    Uni<Void> purge() {
        return updates.forgetBefore(clock.instant().minus(Duration.ofDays(3))).replaceWithVoid();
    }
}

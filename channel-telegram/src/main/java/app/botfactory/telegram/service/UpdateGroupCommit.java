// The webhook's group commit (platform-web GroupCommit): each accepted update waits in the queue and
// one flush at a time writes everything queued with one statement. A request is answered only after
// its flush committed; if the flush fails every request in it answers 503 and Telegram delivers them
// again (so nothing is retried here).
package app.botfactory.telegram.service;

import app.botfactory.platform.web.ApiException;
import app.botfactory.platform.web.GroupCommit;
import app.botfactory.platform.web.GroupCommit.OnFailure;
import app.botfactory.telegram.config.TelegramConfig;
import app.botfactory.telegram.domain.AcceptedUpdate;
import app.botfactory.telegram.messaging.Events;
import app.botfactory.telegram.repository.UpdateIntakeRepository;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.mutiny.Uni;
import io.vertx.pgclient.PgException;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.time.Clock;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;

@ApplicationScoped
public class UpdateGroupCommit {

    private static final Logger LOG = Logger.getLogger(UpdateGroupCommit.class);

    private final UpdateIntakeRepository intake;
    private final Clock clock;
    private final GroupCommit<AcceptedUpdate, Boolean> commits;

    public UpdateGroupCommit(UpdateIntakeRepository intake, Clock clock, TelegramConfig config,
                             MeterRegistry registry) {
        this.intake = intake;
        this.clock = clock;
        this.commits = new GroupCommit<>(Math.max(1, config.webhookBatch()), OnFailure.FAIL_WHOLE_BATCH,
                this::write);
        // Updates waiting for the next flush, and updates in the flush in flight.
        Gauge.builder("botfactory.telegram.webhook.queued", commits, GroupCommit::queued)
                .register(registry);
        Gauge.builder("botfactory.telegram.webhook.flushing", commits, GroupCommit::inFlight)
                .register(registry);
    }

    /** Completes, after the commit, with true when this update was seen for the first time. */
    public Uni<Boolean> submit(AcceptedUpdate update) {
        return commits.submit(update);
    }

    /** Per update: whether it was seen for the first time (a second copy within the batch is not). */
    private Uni<List<Boolean>> write(List<AcceptedUpdate> batch) {
        List<AcceptedUpdate> candidates = new ArrayList<>(batch.size());
        Set<String> seen = new HashSet<>();
        for (AcceptedUpdate u : batch) {
            if (seen.add(u.botId() + ":" + u.updateId())) {
                candidates.add(u);
            }
        }
        return Uni.createFrom()
                .deferred(() -> intake.storeFirstSightings(candidates, Events.CHAT_INBOUND,
                        clock.instant().truncatedTo(ChronoUnit.MICROS)))
                .map(fresh -> {
                    Set<AcceptedUpdate> firsts = Collections.newSetFromMap(new IdentityHashMap<>());
                    firsts.addAll(fresh);
                    return batch.stream().map(firsts::contains).toList();
                })
                .onFailure().transform(failure -> notStored(batch, failure));
    }

    private static ApiException notStored(List<AcceptedUpdate> batch, Throwable failure) {
        LOG.warnf("webhook group commit failed updates=%d reason=%s", batch.size(), describe(failure));
        return new ApiException(503, "update-not-stored", "Service Unavailable",
                "The update could not be stored just now; Telegram delivers it again.");
    }

    private static String describe(Throwable failure) {
        return failure instanceof PgException pg ? pg.getSqlState() + " " + pg.getErrorMessage()
                : failure.getClass().getSimpleName();
    }
}

// Group commit for the webhook: each accepted update waits in a queue, and one flush at a time
// writes everything queued with one statement; whatever arrives meanwhile goes into the next flush
// (no timer, so a lone update is written at once). A request is answered only after its flush
// committed; if the flush fails every request in it fails and Telegram delivers them again.
package app.botfactory.telegram.service;

import app.botfactory.platform.web.ApiException;
import app.botfactory.telegram.config.TelegramConfig;
import app.botfactory.telegram.domain.AcceptedUpdate;
import app.botfactory.telegram.messaging.Events;
import app.botfactory.telegram.repository.UpdateIntakeRepository;
import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.subscription.UniEmitter;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
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
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

@ApplicationScoped
public class UpdateGroupCommit {

    private static final Logger LOG = Logger.getLogger(UpdateGroupCommit.class);

    /** An update and the request waiting for it (answered on the request's own Vert.x context). */
    private record Waiting(AcceptedUpdate update, Context context, UniEmitter<? super Boolean> emitter) {

        void answer(Boolean first, Throwable failure) {
            Runnable reply = () -> {
                if (failure == null) {
                    emitter.complete(first);
                } else {
                    emitter.fail(failure);
                }
            };
            if (context == null) {
                reply.run();
            } else {
                context.runOnContext(v -> reply.run());
            }
        }
    }

    private final UpdateIntakeRepository intake;
    private final Clock clock;
    private final int maxBatch;
    private final Queue<Waiting> queue = new ConcurrentLinkedQueue<>();
    private final AtomicBoolean flushing = new AtomicBoolean();
    /** Updates waiting for the next flush, and updates in the flush in flight (gauges). */
    private final AtomicInteger queued = new AtomicInteger();
    private final AtomicInteger inFlight = new AtomicInteger();

    public UpdateGroupCommit(UpdateIntakeRepository intake, Clock clock, TelegramConfig config,
                             MeterRegistry registry) {
        this.intake = intake;
        this.clock = clock;
        this.maxBatch = Math.max(1, config.webhookBatch());
        registry.gauge("botfactory.telegram.webhook.queued", queued);
        registry.gauge("botfactory.telegram.webhook.flushing", inFlight);
    }

    /** Completes, after the commit, with true when this update was seen for the first time. */
    public Uni<Boolean> submit(AcceptedUpdate update) {
        return Uni.createFrom().emitter(emitter -> {
            queue.add(new Waiting(update, Vertx.currentContext(), emitter));
            queued.incrementAndGet();
            flushIfIdle();
        });
    }

    private void flushIfIdle() {
        if (queue.isEmpty() || !flushing.compareAndSet(false, true)) {
            return;
        }
        List<Waiting> batch = take();
        inFlight.set(batch.size());
        write(batch).subscribe().with(
                fresh -> finish(batch, fresh, null),
                failure -> finish(batch, Set.of(), failure));
    }

    /** Only the flusher takes from the queue, so it is not empty here. */
    private List<Waiting> take() {
        List<Waiting> batch = new ArrayList<>();
        Waiting next;
        while (batch.size() < maxBatch && (next = queue.poll()) != null) {
            batch.add(next);
        }
        queued.addAndGet(-batch.size());
        return batch;
    }

    /** The updates of the batch seen for the first time; a second copy within the batch is not. */
    private Uni<Set<AcceptedUpdate>> write(List<Waiting> batch) {
        List<AcceptedUpdate> candidates = new ArrayList<>(batch.size());
        Set<String> seen = new HashSet<>();
        for (Waiting w : batch) {
            if (seen.add(w.update().botId() + ":" + w.update().updateId())) {
                candidates.add(w.update());
            }
        }
        try {
            return intake.storeFirstSightings(candidates, Events.CHAT_INBOUND,
                            clock.instant().truncatedTo(ChronoUnit.MICROS))
                    .map(fresh -> {
                        Set<AcceptedUpdate> firsts = Collections.newSetFromMap(new IdentityHashMap<>());
                        firsts.addAll(fresh);
                        return firsts;
                    });
        } catch (RuntimeException e) {
            return Uni.createFrom().failure(e);
        }
    }

    private void finish(List<Waiting> batch, Set<AcceptedUpdate> fresh, Throwable failure) {
        if (failure != null) {
            LOG.warnf("webhook group commit failed updates=%d reason=%s", batch.size(), describe(failure));
        }
        Throwable answer = failure == null ? null : new ApiException(503, "update-not-stored",
                "Service Unavailable", "The update could not be stored just now; Telegram delivers it again.");
        batch.forEach(w -> w.answer(fresh.contains(w.update()), answer));
        inFlight.set(0);
        flushing.set(false);
        flushIfIdle();
    }

    private static String describe(Throwable failure) {
        return failure instanceof PgException pg ? pg.getSqlState() + " " + pg.getErrorMessage()
                : failure.getClass().getSimpleName();
    }
}

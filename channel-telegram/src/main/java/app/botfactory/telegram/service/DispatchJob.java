// Drives the reply queue, event first: a reply queued in this process wakes the dispatcher right
// after its commit; while passes find work the next starts at once (draining a backlog); a reply
// put back for later (rate limit, 429, backoff) gets a timer for when it is due. A slow fallback
// poll (dispatch-poll-interval) catches what no wake announces: other replicas' replies and
// retries after a restart. Passes never overlap within this process.
package app.botfactory.telegram.service;

import app.botfactory.telegram.config.TelegramConfig;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.common.vertx.VertxContext;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.jboss.logging.Logger;

import java.time.Clock;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

@ApplicationScoped
public class DispatchJob {

    private static final Logger LOG = Logger.getLogger(DispatchJob.class);
    private static final long FIRST_POLL_MILLIS = 2_000;

    private final DeliveryService deliveries;
    private final Vertx vertx;
    private final Clock clock;
    private final long pollMillis;
    private final AtomicBoolean running = new AtomicBoolean();
    /** Set by a wake that found a pass running: run another as soon as it ends. */
    private final AtomicBoolean wanted = new AtomicBoolean();
    /** When the pending one-shot timer fires (epoch millis), or Long.MAX_VALUE when there is none. */
    private final AtomicLong timerAt = new AtomicLong(Long.MAX_VALUE);
    private volatile Context root;
    private volatile boolean stopped;
    private long pollTimer = -1;

    public DispatchJob(DeliveryService deliveries, Vertx vertx, Clock clock, TelegramConfig config) {
        this.deliveries = deliveries;
        this.vertx = vertx;
        this.clock = clock;
        this.pollMillis = Math.max(1, config.dispatchPollInterval().toMillis());
    }

    void start(@Observes StartupEvent event) {
        root = vertx.getOrCreateContext();
        pollTimer = vertx.setPeriodic(FIRST_POLL_MILLIS, pollMillis, id -> wake());
    }

    void stop(@Observes ShutdownEvent event) {
        stopped = true;
        if (pollTimer >= 0) {
            vertx.cancelTimer(pollTimer);
        }
    }

    /** Runs a pass now, or right after the one in flight. Call after replies were committed. */
    public void wake() {
        wanted.set(true);
        runIfIdle();
    }

    private void runIfIdle() {
        Context base = root;
        if (stopped || base == null || !running.compareAndSet(false, true)) {
            return;
        }
        wanted.set(false);
        Context context = VertxContext.createNewDuplicatedContext(base);
        context.runOnContext(v -> {
            try {
                deliveries.dispatchOnce().subscribe().with(this::passed, this::failed);
            } catch (RuntimeException e) {
                failed(e);
            }
        });
    }

    private void passed(DeliveryService.Pass pass) {
        running.set(false);
        if (pass.nextDue() != null) {
            wakeAt(pass.nextDue());
        }
        if (pass.claimed() > 0 || wanted.get()) {
            wake();
        }
    }

    /** Waits for the fallback poll; a wake meanwhile still runs at once. */
    private void failed(Throwable failure) {
        LOG.warnf("telegram dispatcher pass failed: %s", failure.getMessage());
        running.set(false);
    }

    /** A one-shot wake for a reply due before the next poll, unless an earlier timer covers it. */
    private void wakeAt(Instant due) {
        long at = due.toEpochMilli();
        long now = clock.millis();
        long pending = timerAt.get();
        if (at - now >= pollMillis || (pending > now && pending <= at) || !timerAt.compareAndSet(pending, at)) {
            return;
        }
        vertx.setTimer(Math.max(1, at - now + 1), id -> {
            timerAt.compareAndSet(at, Long.MAX_VALUE);
            wake();
        });
    }
}

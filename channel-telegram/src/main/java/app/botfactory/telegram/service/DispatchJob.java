// Drives the reply queue, event first: replies queued in this process are announced by id right
// after their commit and the next pass claims exactly those (plus, after each pass, the reply next in
// line in every chat whose reply just left the queue), which is a few index lookups however long the
// queue is. A reply put back for later (rate limit, 429, backoff) gets a timer for when it is due,
// and a slow fallback poll (dispatch-poll-interval) sweeps the whole queue: other replicas' replies,
// retries after a restart, anything no announcement named. A sweep that filled its batch is followed
// by another unless announced replies are waiting. Passes never overlap within this process.
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
import java.util.ArrayList;
import java.util.Collection;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
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
    private final int batch;
    private final AtomicBoolean running = new AtomicBoolean();
    /** A sweep of the whole queue is wanted (poll, timer, or a wake without ids). */
    private final AtomicBoolean sweep = new AtomicBoolean();
    /** Replies announced by id and not yet tried by a pass. */
    private final Set<String> announced = ConcurrentHashMap.newKeySet();
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
        this.batch = Math.max(1, config.dispatchBatch());
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

    /** Sweeps the whole queue now, or right after the pass in flight. */
    public void wake() {
        sweep.set(true);
        runIfIdle();
    }

    /** Claims these replies now, or right after the pass in flight. Call after they were committed. */
    public void announce(Collection<String> messageIds) {
        if (!messageIds.isEmpty()) {
            announced.addAll(messageIds);
            runIfIdle();
        }
    }

    private void runIfIdle() {
        Context base = root;
        if (stopped || base == null || (!sweep.get() && announced.isEmpty())
                || !running.compareAndSet(false, true)) {
            return;
        }
        // A sweep leaves the announced ids for the pass after it (one it did not reach costs a lookup).
        List<String> ids = sweep.getAndSet(false) ? null : takeAnnounced();
        Context context = VertxContext.createNewDuplicatedContext(base);
        context.runOnContext(v -> {
            try {
                deliveries.dispatchOnce(ids).subscribe().with(pass -> passed(pass, ids == null), this::failed);
            } catch (RuntimeException e) {
                failed(e);
            }
        });
    }

    /** Up to a batch of the announced ids, removed from the set. */
    private List<String> takeAnnounced() {
        List<String> ids = new ArrayList<>(Math.min(batch, announced.size()));
        Iterator<String> it = announced.iterator();
        while (ids.size() < batch && it.hasNext()) {
            ids.add(it.next());
            it.remove();
        }
        return ids;
    }

    private void passed(DeliveryService.Pass pass, boolean wasSweep) {
        running.set(false);
        if (pass.nextDue() != null) {
            wakeAt(pass.nextDue());
        }
        if (wasSweep && pass.claimed() >= batch && announced.isEmpty()) {
            // A full sweep: more may be due behind it. While this process has replies of its own
            // announced, those go first (by id, cheaply) and the next poll sweeps again: under a
            // backlog a sweep costs milliseconds, and chaining them is what would make it grow.
            sweep.set(true);
        }
        announced.addAll(pass.nextInLine());
        runIfIdle();
    }

    /** The next pass, at the next wake, announcement or poll, is a sweep: it finds what this one held. */
    private void failed(Throwable failure) {
        LOG.warnf("telegram dispatcher pass failed: %s", failure.getMessage());
        running.set(false);
        sweep.set(true);
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

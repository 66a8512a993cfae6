// Drives the reply queue, event first: replies queued in this process are announced by id right
// after their commit and the next claim takes exactly those (plus, once a reply has left the queue,
// the reply next in line in its chat), which is a few index lookups however long the queue is. A
// reply put back for later (rate limit, 429, backoff) is announced again by a timer when it is due
// (by id too: under a backlog the rate limits put many back, and a sweep each time made an overload
// collapse), and a slow fallback poll (dispatch-poll-interval) sweeps the whole queue: other
// replicas' replies, retries after a restart, anything no announcement named.
//
// Claims and sends overlap: a claim only waits for the claim before it, not for the sends of earlier
// claims, up to dispatch-max-in-flight replies being sent at once. So one slow sendMessage (Telegram
// may take seconds; the client waits up to 15 s) delays its own reply, not every reply behind it.
// Outcomes are written as they come in, by a group commit: the first outcome after a write waits
// RECORD_LINGER for others (or none when every claimed reply is done), one write at a time, and a
// write that fails is retried with the same outcomes, so a reply that went out is never sent again
// because its outcome was lost.
package app.botfactory.telegram.service;

import app.botfactory.telegram.config.TelegramConfig;
import app.botfactory.telegram.domain.Delivery;
import app.botfactory.telegram.domain.DeliveryOutcome;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.common.vertx.VertxContext;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.jboss.logging.Logger;

import java.time.Clock;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.PriorityQueue;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

@ApplicationScoped
public class DispatchJob {

    private static final Logger LOG = Logger.getLogger(DispatchJob.class);
    private static final long FIRST_POLL_MILLIS = 2_000;
    /** How long the first outcome after a write waits for others to share its statement. */
    private static final long RECORD_LINGER_MILLIS = 5;
    /** Pause before a failed write of outcomes is tried again. */
    private static final long RECORD_RETRY_MILLIS = 1_000;
    /** How long a stopping process waits for the outcomes of replies it sent to be written. */
    private static final long DRAIN_MILLIS = 10_000;

    private final DeliveryService deliveries;
    private final Vertx vertx;
    private final Clock clock;
    private final long pollMillis;
    private final int batch;
    private final int maxInFlight;
    /** A claim statement is running (claims go one at a time; sends do not wait for each other). */
    private final AtomicBoolean claiming = new AtomicBoolean();
    /** Replies claimed whose outcome is not written yet: being sent, or waiting for the write. */
    private final AtomicInteger inFlight = new AtomicInteger();
    /** A sweep of the whole queue is wanted (poll, timer, or a wake without ids). */
    private final AtomicBoolean sweep = new AtomicBoolean();
    /** Replies announced by id and not yet tried by a claim. */
    private final Set<String> announced = ConcurrentHashMap.newKeySet();
    /** Replies put back, earliest due first, to be announced when due (guarded by itself). */
    private final PriorityQueue<Due> dueLater = new PriorityQueue<>(Comparator.comparingLong(Due::at));
    /** When the earliest pending timer fires (epoch millis), or Long.MAX_VALUE (guarded by dueLater). */
    private long timerAt = Long.MAX_VALUE;
    /** Outcomes not written yet (guarded by `this`). */
    private final List<DeliveryOutcome> outcomes = new ArrayList<>();
    /** A write of outcomes is running, scheduled, or waiting to be retried (guarded by `this`). */
    private boolean recording;
    private volatile Context root;
    private volatile boolean stopped;
    private long pollTimer = -1;

    /** A reply put back and when it is due (epoch millis). */
    private record Due(long at, String messageId) { }

    public DispatchJob(DeliveryService deliveries, Vertx vertx, Clock clock, TelegramConfig config) {
        this.deliveries = deliveries;
        this.vertx = vertx;
        this.clock = clock;
        this.pollMillis = Math.max(1, config.dispatchPollInterval().toMillis());
        this.batch = Math.max(1, config.dispatchBatch());
        this.maxInFlight = Math.max(1, config.dispatchMaxInFlight());
    }

    void start(@Observes StartupEvent event) {
        root = vertx.getOrCreateContext();
        pollTimer = vertx.setPeriodic(FIRST_POLL_MILLIS, pollMillis, id -> wake());
    }

    /**
     * Claims nothing more, and gives the replies already sent a moment to have their outcomes written:
     * an outcome lost here would have its reply sent again by whoever claims it after the lease.
     */
    void stop(@Observes ShutdownEvent event) {
        stopped = true;
        if (pollTimer >= 0) {
            vertx.cancelTimer(pollTimer);
        }
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(DRAIN_MILLIS);
        while (inFlight.get() > 0 && System.nanoTime() < deadline && !Context.isOnEventLoopThread()) {
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
        if (inFlight.get() > 0) {
            LOG.warnf("telegram dispatcher stopped with %d replies whose outcome is not written;"
                    + " they are sent again after their lease", inFlight.get());
        }
    }

    /** Sweeps the whole queue now, or right after the claim in flight. */
    public void wake() {
        sweep.set(true);
        runIfIdle();
    }

    /** Claims these replies now, or right after the claim in flight. Call after they were committed. */
    public void announce(Collection<String> messageIds) {
        if (!messageIds.isEmpty()) {
            announced.addAll(messageIds);
            runIfIdle();
        }
    }

    private void runIfIdle() {
        Context base = root;
        if (stopped || base == null || (!sweep.get() && announced.isEmpty())) {
            return;
        }
        int room = Math.min(batch, maxInFlight - inFlight.get());
        if (room <= 0 || !claiming.compareAndSet(false, true)) {
            return; // the claim running, or the next outcome written, calls again
        }
        // A sweep leaves the announced ids for the claim after it (one it did not reach costs a lookup).
        boolean wasSweep = sweep.getAndSet(false);
        List<String> ids = wasSweep ? null : takeAnnounced(room);
        Context context = VertxContext.createNewDuplicatedContext(base);
        context.runOnContext(v -> {
            try {
                deliveries.claim(ids, room).subscribe().with(
                        claimed -> claimed(claimed, wasSweep, room), this::claimFailed);
            } catch (RuntimeException e) {
                claimFailed(e);
            }
        });
    }

    /** Up to `limit` of the announced ids, removed from the set. */
    private List<String> takeAnnounced(int limit) {
        List<String> ids = new ArrayList<>(Math.min(limit, announced.size()));
        Iterator<String> it = announced.iterator();
        while (ids.size() < limit && it.hasNext()) {
            ids.add(it.next());
            it.remove();
        }
        return ids;
    }

    private void claimed(List<Delivery> claimed, boolean wasSweep, int limit) {
        inFlight.addAndGet(claimed.size());
        claiming.set(false);
        if (wasSweep && claimed.size() >= limit && announced.isEmpty()) {
            // A full sweep: more may be due behind it. While this process has replies of its own
            // announced, those go first (by id, cheaply) and the next poll sweeps again: under a
            // backlog a sweep costs milliseconds, and chaining them is what would make it grow.
            sweep.set(true);
        }
        for (Delivery d : claimed) {
            deliveries.attempt(d).subscribe().with(this::finished);
        }
        runIfIdle();
    }

    /** The next claim, at the next wake, announcement or poll, is a sweep: it finds what this one held. */
    private void claimFailed(Throwable failure) {
        LOG.warnf("telegram dispatcher claim failed: %s", failure.getMessage());
        claiming.set(false);
        sweep.set(true);
    }

    /** One reply's outcome, to be written with the others that come in meanwhile. */
    private void finished(DeliveryOutcome outcome) {
        boolean allDone;
        synchronized (this) {
            outcomes.add(outcome);
            if (recording) {
                return; // the write running or scheduled takes it
            }
            recording = true;
            allDone = outcomes.size() >= inFlight.get();
        }
        if (allDone) {
            record();
        } else {
            vertx.setTimer(RECORD_LINGER_MILLIS, id -> record());
        }
    }

    /** Writes every outcome waiting, in one statement. */
    private void record() {
        List<DeliveryOutcome> group;
        synchronized (this) {
            if (outcomes.isEmpty()) {
                recording = false;
                return;
            }
            group = new ArrayList<>(outcomes);
            outcomes.clear();
        }
        try {
            deliveries.record(group).subscribe().with(r -> recorded(group, r), e -> recordFailed(group, e));
        } catch (RuntimeException e) {
            recordFailed(group, e);
        }
    }

    private void recorded(List<DeliveryOutcome> group, List<String> nextInLine) {
        inFlight.addAndGet(-group.size());
        putBack(group);
        announced.addAll(nextInLine);
        // Outcomes that came in during the write go next, without lingering: they waited already.
        record();
        runIfIdle();
    }

    /** Keeps the outcomes and writes them again later: their replies went out and must not go twice. */
    private void recordFailed(List<DeliveryOutcome> group, Throwable failure) {
        LOG.warnf("telegram dispatcher could not write %d outcomes, retrying in %d ms: %s", group.size(),
                RECORD_RETRY_MILLIS, failure.getMessage());
        synchronized (this) {
            outcomes.addAll(0, group);
        }
        vertx.setTimer(RECORD_RETRY_MILLIS, id -> record());
    }

    /** Remembers the replies these outcomes put back, to announce each when it is due. */
    private void putBack(List<DeliveryOutcome> group) {
        synchronized (dueLater) {
            for (DeliveryOutcome o : group) {
                if (Delivery.PENDING.equals(o.status())) {
                    dueLater.add(new Due(o.nextAttemptAt().toEpochMilli(), o.messageId()));
                }
            }
            armTimer();
        }
    }

    /** A one-shot timer for the earliest reply put back, unless one fires by then already. */
    private void armTimer() {
        Due first = dueLater.peek();
        if (first == null || stopped || first.at() >= timerAt) {
            return;
        }
        long at = first.at();
        timerAt = at;
        vertx.setTimer(Math.max(1, at - clock.millis() + 1), id -> due(at));
    }

    /** Announces the replies that are due now and arms the timer for the next. */
    private void due(long firedAt) {
        List<String> ids = new ArrayList<>();
        synchronized (dueLater) {
            if (timerAt == firedAt) {
                timerAt = Long.MAX_VALUE;
            }
            long now = clock.millis();
            while (!dueLater.isEmpty() && dueLater.peek().at() <= now) {
                ids.add(dueLater.poll().messageId());
            }
            armTimer();
        }
        announce(ids);
    }
}

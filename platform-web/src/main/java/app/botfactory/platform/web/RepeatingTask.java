// A background loop for work that must run more often than Quarkus' scheduler allows (it rounds
// every() below one second up to a second): outbox relays and dispatchers. Each round runs on a
// fresh duplicated Vert.x context (so Hibernate Reactive gets a session of its own); when a round
// did work the next starts at once (draining a backlog), otherwise after `idle`. Rounds never overlap.
// wake() starts a round now instead of at the end of the idle wait (e.g. on a Postgres NOTIFY), or,
// when one is running, makes sure another follows it: a wake-up is never lost, and many coalesce.
package app.botfactory.platform.web;

import io.quarkus.vertx.core.runtime.context.VertxContextSafetyToggle;
import io.smallrye.common.vertx.VertxContext;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.util.function.Supplier;

public final class RepeatingTask {

    private static final Logger LOG = Logger.getLogger(RepeatingTask.class);

    private final Vertx vertx;
    private final String name;
    private final long idleMillis;
    private final Supplier<Uni<Integer>> round;
    private volatile boolean stopped;
    /** Guarded by this: a round is running; a wake-up arrived during it; the idle timer, or -1. */
    private boolean running;
    private boolean wokenWhileRunning;
    private long timerId = -1;

    private RepeatingTask(Vertx vertx, String name, Duration idle, Supplier<Uni<Integer>> round) {
        this.vertx = vertx;
        this.name = name;
        this.idleMillis = Math.max(1, idle.toMillis());
        this.round = round;
    }

    /** Starts the loop after `initialDelay`; `round` returns how much work it did (0 = idle). */
    public static RepeatingTask start(Vertx vertx, String name, Duration initialDelay, Duration idle,
                                      Supplier<Uni<Integer>> round) {
        RepeatingTask task = new RepeatingTask(vertx, name, idle, round);
        synchronized (task) {
            task.timerId = vertx.setTimer(Math.max(1, initialDelay.toMillis()), id -> task.runOnce());
        }
        return task;
    }

    public void stop() {
        stopped = true;
    }

    /** Runs a round as soon as possible: now when idle, right after the current one otherwise. */
    public void wake() {
        synchronized (this) {
            if (stopped) {
                return;
            }
            if (running) {
                wokenWhileRunning = true;
                return;
            }
            if (timerId == -1 || !vertx.cancelTimer(timerId)) {
                return; // the timer is firing right now: that round starts anyway
            }
            timerId = -1;
        }
        vertx.runOnContext(v -> runOnce());
    }

    private void runOnce() {
        synchronized (this) {
            if (stopped || running) {
                return;
            }
            running = true;
            timerId = -1;
        }
        Context context = VertxContext.createNewDuplicatedContext(vertx.getOrCreateContext());
        VertxContextSafetyToggle.setContextSafe(context, true);
        context.runOnContext(v -> {
            Uni<Integer> work;
            try {
                work = round.get();
            } catch (RuntimeException e) {
                work = Uni.createFrom().failure(e);
            }
            work.subscribe().with(
                    done -> next(done != null && done > 0 ? 0 : idleMillis),
                    failure -> {
                        LOG.warnf("%s round failed: %s", name, failure.getMessage());
                        next(idleMillis);
                    });
        });
    }

    private void next(long delayMillis) {
        synchronized (this) {
            running = false;
            if (stopped) {
                return;
            }
            if (wokenWhileRunning) {
                wokenWhileRunning = false;
                delayMillis = 0;
            }
            if (delayMillis > 0) {
                timerId = vertx.setTimer(delayMillis, id -> runOnce());
                return;
            }
        }
        vertx.runOnContext(v -> runOnce());
    }
}

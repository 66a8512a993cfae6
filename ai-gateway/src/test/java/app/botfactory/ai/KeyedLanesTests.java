// KeyedLanes on its own: one key's tasks run one after another in submission order, different keys
// run side by side, and no more than the limit is ever admitted (submit answers late instead).
package app.botfactory.ai;

import app.botfactory.ai.messaging.KeyedLanes;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class KeyedLanesTests {

    @Test
    void oneKeyRunsInOrderWhileKeysRunSideBySide() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            KeyedLanes lanes = new KeyedLanes(16, pool);
            AtomicInteger running = new AtomicInteger();
            AtomicInteger maxRunning = new AtomicInteger();
            ConcurrentHashMap<String, List<Integer>> done = new ConcurrentHashMap<>();
            ConcurrentHashMap<String, AtomicInteger> perKeyRunning = new ConcurrentHashMap<>();
            List<CompletableFuture<Void>> all = Collections.synchronizedList(new ArrayList<>());
            for (int i = 0; i < 5; i++) {
                for (String key : List.of("a", "b", "c", "d")) {
                    int n = i;
                    CompletableFuture<Void> finished = new CompletableFuture<>();
                    all.add(finished);
                    lanes.submit(key, () -> CompletableFuture.runAsync(() -> {
                        int now = running.incrementAndGet();
                        maxRunning.accumulateAndGet(now, Math::max);
                        int sameKey = perKeyRunning.computeIfAbsent(key, k -> new AtomicInteger())
                                .incrementAndGet();
                        assertEquals(1, sameKey, "one task per key at a time");
                        sleep(20);
                        done.computeIfAbsent(key, k -> Collections.synchronizedList(new ArrayList<>()))
                                .add(n);
                        perKeyRunning.get(key).decrementAndGet();
                        running.decrementAndGet();
                    }, pool).whenComplete((v, e) -> finished.complete(null)))
                            .toCompletableFuture().get(5, TimeUnit.SECONDS);
                }
            }
            CompletableFuture.allOf(all.toArray(CompletableFuture[]::new)).get(10, TimeUnit.SECONDS);
            for (String key : List.of("a", "b", "c", "d")) {
                assertEquals(List.of(0, 1, 2, 3, 4), done.get(key), "order of key " + key);
            }
            assertTrue(maxRunning.get() > 1, "keys ran side by side: " + maxRunning.get());
            // The lanes release a slot just after the task's own future completes: allow that moment.
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
            while ((lanes.inFlight() > 0 || lanes.activeKeys() > 0) && System.nanoTime() < deadline) {
                sleep(5);
            }
            assertEquals(0, lanes.inFlight());
            assertEquals(0, lanes.activeKeys());
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void admitsNoMoreThanTheLimitAndAFailedTaskDoesNotStopItsLane() throws Exception {
        KeyedLanes lanes = new KeyedLanes(2, Runnable::run);
        CompletableFuture<Void> first = new CompletableFuture<>();
        CompletableFuture<Void> second = new CompletableFuture<>();
        List<String> ran = Collections.synchronizedList(new ArrayList<>());
        CompletionStage<Void> a = lanes.submit("x", () -> {
            ran.add("x1");
            return first;
        });
        CompletionStage<Void> b = lanes.submit("y", () -> {
            ran.add("y1");
            return second;
        });
        CompletionStage<Void> c = lanes.submit("x", () -> {
            ran.add("x2");
            return CompletableFuture.completedFuture(null);
        });
        assertTrue(a.toCompletableFuture().isDone() && b.toCompletableFuture().isDone());
        assertFalse(c.toCompletableFuture().isDone(), "third task waits for room");
        assertEquals(2, lanes.inFlight());

        first.completeExceptionally(new IllegalStateException("model down"));
        assertTrue(c.toCompletableFuture().isDone(), "room again once a task finished, even a failed one");
        assertEquals(List.of("x1", "y1", "x2"), ran);
        second.complete(null);
        assertEquals(0, lanes.inFlight());
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}

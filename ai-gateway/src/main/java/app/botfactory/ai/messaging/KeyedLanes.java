// Runs work for many keys at once while keeping each key's work in submission order: one serial
// lane per key (here a chat), at most `limit` tasks admitted (queued in a lane or running) at any
// time. submit() answers when the task has been admitted, so a caller that waits for that answer
// before submitting more (the Kafka consumer) is held back instead of piling work up in memory.
package app.botfactory.ai.messaging;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import java.util.function.Supplier;

public final class KeyedLanes {

    private record Task(String key, Supplier<? extends CompletionStage<?>> work,
                        CompletableFuture<Void> admitted) { }

    private final int limit;
    private final Executor launcher;
    private final Map<String, ArrayDeque<Task>> lanes = new HashMap<>();
    private final ArrayDeque<Task> waiting = new ArrayDeque<>();
    private int admitted;

    /**
     * @param limit    most tasks admitted at once (running plus queued behind their key)
     * @param launcher where a task starts (production: a fresh Vert.x duplicated context per task)
     */
    public KeyedLanes(int limit, Executor launcher) {
        if (limit < 1) {
            throw new IllegalArgumentException("limit must be at least 1");
        }
        this.limit = limit;
        this.launcher = launcher;
    }

    /**
     * Queues work behind every earlier task of the same key. The returned stage completes once the
     * task is admitted; the work's own outcome is the work's business (it never stops the lane).
     */
    public CompletionStage<Void> submit(String key, Supplier<? extends CompletionStage<?>> work) {
        Task task = new Task(key, work, new CompletableFuture<>());
        List<Task> start = new ArrayList<>();
        List<Task> admittedNow = new ArrayList<>();
        synchronized (this) {
            if (admitted < limit && waiting.isEmpty()) {
                admit(task, start, admittedNow);
            } else {
                waiting.add(task);
            }
        }
        launch(start, admittedNow);
        return task.admitted();
    }

    /** Tasks admitted and not yet finished. */
    public synchronized int inFlight() {
        return admitted;
    }

    /** Keys with work queued or running. */
    public synchronized int activeKeys() {
        return lanes.size();
    }

    private void admit(Task task, List<Task> start, List<Task> admittedNow) {
        admitted++;
        admittedNow.add(task);
        ArrayDeque<Task> lane = lanes.computeIfAbsent(task.key(), k -> new ArrayDeque<>());
        lane.add(task);
        if (lane.size() == 1) {
            start.add(task);
        }
    }

    private void launch(List<Task> start, List<Task> admittedNow) {
        admittedNow.forEach(t -> t.admitted().complete(null));
        start.forEach(t -> launcher.execute(() -> run(t)));
    }

    private void run(Task task) {
        CompletionStage<?> stage;
        try {
            stage = task.work().get();
        } catch (RuntimeException | Error e) {
            stage = CompletableFuture.failedFuture(e);
        }
        stage.whenComplete((ignored, failure) -> finished(task));
    }

    private void finished(Task task) {
        List<Task> start = new ArrayList<>();
        List<Task> admittedNow = new ArrayList<>();
        synchronized (this) {
            admitted--;
            ArrayDeque<Task> lane = lanes.get(task.key());
            lane.poll();
            if (lane.isEmpty()) {
                lanes.remove(task.key());
            } else {
                start.add(lane.peek());
            }
            while (admitted < limit && !waiting.isEmpty()) {
                admit(waiting.poll(), start, admittedNow);
            }
        }
        launch(start, admittedNow);
    }
}

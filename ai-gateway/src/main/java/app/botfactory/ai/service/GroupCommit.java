// Group commit: many concurrent callers hand in an item each, one writer at a time stores them in
// batches. Whatever arrives while a batch is being written goes into the next one, so there is no
// timer and no added delay at low load (a lone item is written at once, as a batch of one), while
// under load one transaction carries many items. A failed batch is retried item by item, so a bad
// item fails alone instead of taking its batch-mates with it.
package app.botfactory.ai.service;

import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Context;
import io.vertx.core.Vertx;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;

public final class GroupCommit<T, R> {

    private record Pending<T, R>(T item, Context caller, CompletableFuture<R> result) { }

    private final int maxBatch;
    private final Function<List<T>, Uni<List<R>>> writer;
    private final ArrayDeque<Pending<T, R>> queue = new ArrayDeque<>();
    private boolean writing;

    /**
     * @param maxBatch most items per batch
     * @param writer   writes a batch (ideally in one transaction); answers one result per item, in order
     */
    public GroupCommit(int maxBatch, Function<List<T>, Uni<List<R>>> writer) {
        if (maxBatch < 1) {
            throw new IllegalArgumentException("maxBatch must be at least 1");
        }
        this.maxBatch = maxBatch;
        this.writer = writer;
    }

    /** Queues the item; the Uni answers its result once its batch is written (on the caller's context). */
    public Uni<R> submit(T item) {
        return Uni.createFrom().deferred(() -> {
            Pending<T, R> pending = new Pending<>(item, Vertx.currentContext(), new CompletableFuture<>());
            boolean start;
            synchronized (this) {
                queue.add(pending);
                start = !writing;
                writing = true;
            }
            if (start) {
                writeNext();
            }
            return Uni.createFrom().completionStage(pending.result());
        });
    }

    /** Items waiting for the writer (for tests and metrics). */
    public synchronized int queued() {
        return queue.size();
    }

    private void writeNext() {
        List<Pending<T, R>> batch = new ArrayList<>();
        synchronized (this) {
            while (batch.size() < maxBatch && !queue.isEmpty()) {
                batch.add(queue.poll());
            }
            if (batch.isEmpty()) {
                writing = false;
                return;
            }
        }
        write(batch).subscribe().with(ignored -> writeNext(), ignored -> writeNext());
    }

    private Uni<Void> write(List<Pending<T, R>> batch) {
        Uni<List<R>> written;
        try {
            written = writer.apply(batch.stream().map(Pending::item).toList());
        } catch (RuntimeException e) {
            written = Uni.createFrom().failure(e);
        }
        return written
                .invoke(results -> {
                    if (results.size() != batch.size()) {
                        throw new IllegalStateException("writer answered " + results.size() + " results for "
                                + batch.size() + " items");
                    }
                    for (int i = 0; i < batch.size(); i++) {
                        complete(batch.get(i), results.get(i), null);
                    }
                })
                .replaceWithVoid()
                .onFailure().recoverWithUni(failure -> batch.size() == 1
                        ? Uni.createFrom().voidItem().invoke(() -> complete(batch.get(0), null, failure))
                        : oneByOne(batch));
    }

    private Uni<Void> oneByOne(List<Pending<T, R>> batch) {
        return Multi.createFrom().iterable(batch)
                .onItem().transformToUniAndConcatenate(p -> write(List.of(p)))
                .collect().last().replaceWithVoid();
    }

    private static <T, R> void complete(Pending<T, R> pending, R result, Throwable failure) {
        Runnable done = failure == null ? () -> pending.result().complete(result)
                : () -> pending.result().completeExceptionally(failure);
        if (pending.caller() == null) {
            done.run();
        } else {
            pending.caller().runOnContext(ignored -> done.run());
        }
    }
}

// Group commit: many concurrent callers hand in an item each, one writer at a time stores them in
// batches. Whatever arrives while a batch is being written goes into the next one, so there is no
// timer and no added delay at low load (a lone item is written at once, as a batch of one), while
// under load one transaction carries many items. The failure policy says what a failed batch means
// for its callers; each caller hears its result on its own Vert.x context.
package app.botfactory.platform.web;

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

    /** What a failed batch means for the items in it. */
    public enum OnFailure {
        /** Each item is written again on its own, so a bad item fails alone and its batch-mates commit. */
        RETRY_ITEMS_ALONE,
        /** Every item of the batch fails with the batch's failure (for callers whose sender retries). */
        FAIL_WHOLE_BATCH
    }

    private record Pending<T, R>(T item, Context caller, CompletableFuture<R> result) { }

    private final int maxBatch;
    private final OnFailure onFailure;
    private final Function<List<T>, Uni<List<R>>> writer;
    private final ArrayDeque<Pending<T, R>> queue = new ArrayDeque<>();
    private int inFlight;
    private boolean writing;

    /**
     * @param maxBatch  most items per batch
     * @param onFailure what a failed batch means for its items
     * @param writer    writes a batch (ideally in one transaction); answers one result per item, in order
     */
    public GroupCommit(int maxBatch, OnFailure onFailure, Function<List<T>, Uni<List<R>>> writer) {
        if (maxBatch < 1) {
            throw new IllegalArgumentException("maxBatch must be at least 1");
        }
        this.maxBatch = maxBatch;
        this.onFailure = onFailure;
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

    /** Items waiting for the next batch (for gauges and tests). */
    public synchronized int queued() {
        return queue.size();
    }

    /** Items in the batch being written, 0 when the writer is idle (for gauges and tests). */
    public synchronized int inFlight() {
        return inFlight;
    }

    private void writeNext() {
        List<Pending<T, R>> batch = new ArrayList<>();
        synchronized (this) {
            while (batch.size() < maxBatch && !queue.isEmpty()) {
                batch.add(queue.poll());
            }
            inFlight = batch.size();
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
                .onFailure().recoverWithUni(failure -> afterFailure(batch, failure));
    }

    /** Writes the items again one by one, or fails them all, as the policy says; a lone item just fails. */
    private Uni<Void> afterFailure(List<Pending<T, R>> batch, Throwable failure) {
        if (onFailure == OnFailure.RETRY_ITEMS_ALONE && batch.size() > 1) {
            return oneByOne(batch);
        }
        batch.forEach(p -> complete(p, null, failure));
        return Uni.createFrom().voidItem();
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

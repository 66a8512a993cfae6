// GroupCommit on its own: a lone item is written at once, whatever queues up while a batch is being
// written goes into the next batch together, batches never exceed their bound, each caller hears its
// result on its own Vert.x context, and a failing batch is either retried item by item (only the bad
// item fails) or failed as a whole (every item in it fails), as its policy says.
package app.botfactory.platform.web;

import app.botfactory.platform.web.GroupCommit.OnFailure;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

import static app.botfactory.platform.web.GroupCommit.OnFailure.FAIL_WHOLE_BATCH;
import static app.botfactory.platform.web.GroupCommit.OnFailure.RETRY_ITEMS_ALONE;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class GroupCommitTests {

    private static final Duration WAIT = Duration.ofSeconds(10);

    /** A writer that holds each batch until the test releases it, and remembers the batches. */
    private static final class HeldWriter {
        final List<List<String>> batches = Collections.synchronizedList(new ArrayList<>());
        final List<CompletableFuture<Void>> gates = Collections.synchronizedList(new ArrayList<>());

        Uni<List<String>> write(List<String> batch) {
            batches.add(batch);
            CompletableFuture<Void> gate = new CompletableFuture<>();
            gates.add(gate);
            return Uni.createFrom().completionStage(gate)
                    .map(ignored -> batch.stream().map(s -> "written " + s).toList());
        }

        void release(int batch) {
            gates.get(batch).complete(null);
        }
    }

    @Test
    void aLoneItemIsWrittenAtOnceAsABatchOfOne() {
        List<List<String>> batches = new ArrayList<>();
        GroupCommit<String, String> commits = new GroupCommit<>(8, RETRY_ITEMS_ALONE, batch -> {
            batches.add(batch);
            return Uni.createFrom().item(batch.stream().map(s -> "written " + s).toList());
        });
        assertEquals("written a", commits.submit("a").await().atMost(WAIT));
        assertEquals(List.of(List.of("a")), batches);
    }

    @Test
    void itemsArrivingDuringAWriteGoTogetherIntoTheNextBatch() {
        HeldWriter writer = new HeldWriter();
        GroupCommit<String, String> commits = new GroupCommit<>(8, RETRY_ITEMS_ALONE, writer::write);
        CompletableFuture<String> a = commits.submit("a").subscribeAsCompletionStage();
        List<CompletableFuture<String>> later = List.of("b", "c", "d").stream()
                .map(s -> commits.submit(s).subscribeAsCompletionStage()).toList();
        assertEquals(List.of(List.of("a")), writer.batches, "the first item did not wait for company");
        assertEquals(3, commits.queued());

        writer.release(0);
        assertEquals("written a", a.join());
        assertEquals(List.of(List.of("a"), List.of("b", "c", "d")), writer.batches);
        assertTrue(later.stream().noneMatch(CompletableFuture::isDone),
                "each completes after its own commit");
        writer.release(1);
        assertEquals(List.of("written b", "written c", "written d"),
                later.stream().map(CompletableFuture::join).toList());
        assertEquals(0, commits.queued());
    }

    @Test
    void aBatchNeverExceedsItsBound() {
        HeldWriter writer = new HeldWriter();
        GroupCommit<String, String> commits = new GroupCommit<>(2, RETRY_ITEMS_ALONE, writer::write);
        List<CompletableFuture<String>> all = List.of("a", "b", "c", "d", "e").stream()
                .map(s -> commits.submit(s).subscribeAsCompletionStage()).toList();
        writer.release(0);
        writer.release(1);
        writer.release(2);
        all.forEach(CompletableFuture::join);
        assertEquals(List.of(List.of("a"), List.of("b", "c"), List.of("d", "e")), writer.batches);
    }

    @Test
    void aFailingBatchIsRetriedItemByItemSoOnlyTheBadItemFails() {
        HeldWriter writer = new HeldWriter();
        List<List<String>> batches = Collections.synchronizedList(new ArrayList<>());
        GroupCommit<String, String> commits =
                new GroupCommit<>(8, RETRY_ITEMS_ALONE, heldFirstFailingOnBad(writer, batches));
        CompletableFuture<String> first = commits.submit("first").subscribeAsCompletionStage();
        CompletableFuture<String> good1 = commits.submit("good1").subscribeAsCompletionStage();
        CompletableFuture<String> bad = commits.submit("bad").subscribeAsCompletionStage();
        CompletableFuture<String> good2 = commits.submit("good2").subscribeAsCompletionStage();
        writer.release(0);

        assertEquals("written first", first.join());
        assertEquals("written good1", good1.join());
        assertEquals("written good2", good2.join());
        CompletionException failure = assertThrows(CompletionException.class, bad::join);
        assertEquals("bad row", failure.getCause().getMessage());
        assertEquals(List.of(List.of("first"), List.of("good1", "bad", "good2"), List.of("good1"),
                List.of("bad"), List.of("good2")), batches);
    }

    @Test
    void aFailingBatchFailsEveryItemInItWhenTheWholeBatchFails() {
        HeldWriter writer = new HeldWriter();
        List<List<String>> batches = Collections.synchronizedList(new ArrayList<>());
        GroupCommit<String, String> commits =
                new GroupCommit<>(8, FAIL_WHOLE_BATCH, heldFirstFailingOnBad(writer, batches));
        CompletableFuture<String> first = commits.submit("first").subscribeAsCompletionStage();
        List<CompletableFuture<String>> failed = List.of("good1", "bad", "good2").stream()
                .map(s -> commits.submit(s).subscribeAsCompletionStage()).toList();
        writer.release(0);

        assertEquals("written first", first.join());
        List<Throwable> causes = failed.stream()
                .map(f -> assertThrows(CompletionException.class, f::join).getCause()).toList();
        assertEquals("bad row", causes.get(0).getMessage());
        causes.forEach(cause -> assertSame(causes.get(0), cause, "every caller hears the batch's failure"));
        assertEquals(List.of(List.of("first"), List.of("good1", "bad", "good2")), batches,
                "nothing is written again");
    }

    @Test
    void theWriterKeepsGoingAfterAFailure() {
        for (OnFailure policy : OnFailure.values()) {
            GroupCommit<String, String> commits =
                    new GroupCommit<>(8, policy, GroupCommitTests::failingOnBad);
            assertThrows(IllegalStateException.class, () -> commits.submit("bad").await().atMost(WAIT));
            assertEquals("written next", commits.submit("next").await().atMost(WAIT), policy.name());
        }
    }

    @Test
    void itCountsTheItemsWaitingAndTheItemsBeingWritten() {
        HeldWriter writer = new HeldWriter();
        GroupCommit<String, String> commits = new GroupCommit<>(8, FAIL_WHOLE_BATCH, writer::write);
        assertEquals(0, commits.inFlight());
        CompletableFuture<String> a = commits.submit("a").subscribeAsCompletionStage();
        CompletableFuture<String> b = commits.submit("b").subscribeAsCompletionStage();
        CompletableFuture<String> c = commits.submit("c").subscribeAsCompletionStage();
        assertEquals(1, commits.inFlight());
        assertEquals(2, commits.queued());

        writer.release(0);
        a.join();
        assertEquals(2, commits.inFlight());
        assertEquals(0, commits.queued());
        writer.release(1);
        b.join();
        c.join();
        assertEquals(0, commits.inFlight());
    }

    @Test
    void eachCallerHearsItsResultOnItsOwnContext() throws Exception {
        Vertx vertx = Vertx.vertx();
        try {
            HeldWriter writer = new HeldWriter();
            GroupCommit<String, String> commits =
                    new GroupCommit<>(8, FAIL_WHOLE_BATCH, writer::write);
            Context caller = vertx.getOrCreateContext();
            CompletableFuture<Void> submitted = new CompletableFuture<>();
            CompletableFuture<Context> heardOn = new CompletableFuture<>();
            caller.runOnContext(ignored -> {
                commits.submit("a").subscribe().with(
                        result -> heardOn.complete(Vertx.currentContext()), heardOn::completeExceptionally);
                submitted.complete(null);
            });
            submitted.get(WAIT.toSeconds(), TimeUnit.SECONDS);
            writer.release(0); // from the test thread, which is no Vert.x thread
            assertSame(caller, heardOn.get(WAIT.toSeconds(), TimeUnit.SECONDS));
        } finally {
            vertx.close().toCompletionStage().toCompletableFuture().get(WAIT.toSeconds(), TimeUnit.SECONDS);
        }
    }

    /** Writes at once, but fails any batch holding "bad". */
    private static Uni<List<String>> failingOnBad(List<String> batch) {
        return batch.contains("bad") ? Uni.createFrom().failure(new IllegalStateException("bad row"))
                : Uni.createFrom().item(batch.stream().map(s -> "written " + s).toList());
    }

    /** Holds the batch ["first"] until the test releases it, else as failingOnBad; remembers batches. */
    private static Function<List<String>, Uni<List<String>>> heldFirstFailingOnBad(
            HeldWriter writer, List<List<String>> batches) {
        return batch -> {
            batches.add(batch);
            return batch.equals(List.of("first")) ? writer.write(batch) : failingOnBad(batch);
        };
    }
}

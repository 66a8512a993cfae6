// GroupCommit on its own: a lone item is written at once, whatever queues up while a batch is being
// written goes into the next batch together, batches never exceed their bound, and a failing batch
// is retried item by item so only the bad item fails.
package app.botfactory.ai;

import app.botfactory.ai.service.GroupCommit;
import io.smallrye.mutiny.Uni;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

import static org.junit.jupiter.api.Assertions.assertEquals;
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
        GroupCommit<String, String> commits = new GroupCommit<>(8, batch -> {
            batches.add(batch);
            return Uni.createFrom().item(batch.stream().map(s -> "written " + s).toList());
        });
        assertEquals("written a", commits.submit("a").await().atMost(WAIT));
        assertEquals(List.of(List.of("a")), batches);
    }

    @Test
    void itemsArrivingDuringAWriteGoTogetherIntoTheNextBatch() {
        HeldWriter writer = new HeldWriter();
        GroupCommit<String, String> commits = new GroupCommit<>(8, writer::write);
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
        GroupCommit<String, String> commits = new GroupCommit<>(2, writer::write);
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
        GroupCommit<String, String> commits = new GroupCommit<>(8, batch -> {
            batches.add(batch);
            if (batch.equals(List.of("first"))) {
                return writer.write(batch);
            }
            return batch.contains("bad") ? Uni.createFrom().failure(new IllegalStateException("bad row"))
                    : Uni.createFrom().item(batch.stream().map(s -> "written " + s).toList());
        });
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
    void theWriterKeepsGoingAfterAFailure() {
        GroupCommit<String, String> commits = new GroupCommit<>(8, batch -> batch.contains("bad")
                ? Uni.createFrom().failure(new IllegalStateException("bad row"))
                : Uni.createFrom().item(batch.stream().map(s -> "written " + s).toList()));
        assertThrows(IllegalStateException.class, () -> commits.submit("bad").await().atMost(WAIT));
        assertEquals("written next", commits.submit("next").await().atMost(WAIT));
    }
}

// ReadThroughCache on its own, with a clock the test steps: a value is reused within its TTL and read
// again after it, a missing row is never remembered, invalidate() takes effect at once, and a read
// that was under way when its key was invalidated is not kept.
package app.botfactory.ai;

import app.botfactory.platform.web.ReadThroughCache;
import io.smallrye.mutiny.Uni;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

class ReadThroughCacheTests {

    private static final Duration TTL = Duration.ofSeconds(2);

    private final AtomicLong clock = new AtomicLong();
    private final Map<String, String> table = new HashMap<>();
    private final AtomicInteger reads = new AtomicInteger();
    private final ReadThroughCache<String, String> cache = new ReadThroughCache<>(TTL, 100, key -> {
        reads.incrementAndGet();
        return Uni.createFrom().item(table.get(key));
    }, clock::get);

    private String get(String key) {
        return cache.get(key).await().atMost(Duration.ofSeconds(5));
    }

    @Test
    void aValueIsReusedWithinItsTtlAndReadAgainAfterIt() {
        table.put("bot", "v1");
        assertEquals("v1", get("bot"));
        table.put("bot", "v2");
        clock.addAndGet(TTL.toNanos() - 1);
        assertEquals("v1", get("bot"), "still within the TTL");
        assertEquals(1, reads.get());
        clock.addAndGet(1);
        assertEquals("v2", get("bot"), "read again once the TTL is over");
        assertEquals(2, reads.get());
    }

    @Test
    void aMissingRowIsNeverRemembered() {
        assertNull(get("owner"));
        table.put("owner", "arrived");
        assertEquals("arrived", get("owner"), "the very next read sees the row that arrived");
    }

    @Test
    void invalidateTakesEffectAtOnce() {
        table.put("bot", "v1");
        assertEquals("v1", get("bot"));
        table.put("bot", "v2");
        cache.invalidate("bot");
        assertEquals("v2", get("bot"));
    }

    @Test
    void aReadUnderWayWhenItsKeyIsInvalidatedIsNotKept() {
        CompletableFuture<String> slowRead = new CompletableFuture<>();
        AtomicInteger slowReads = new AtomicInteger();
        ReadThroughCache<String, String> slow = new ReadThroughCache<>(TTL, 100, key -> {
            slowReads.incrementAndGet();
            return slowReads.get() == 1 ? Uni.createFrom().completionStage(slowRead)
                    : Uni.createFrom().item("new");
        }, clock::get);
        CompletableFuture<String> first = slow.get("bot").subscribeAsCompletionStage();
        slow.invalidate("bot");
        slowRead.complete("old");
        assertEquals("old", first.join(), "the caller that asked before the change gets what was read");
        assertEquals("new", slow.get("bot").await().atMost(Duration.ofSeconds(5)), "but it is not kept");
    }
}

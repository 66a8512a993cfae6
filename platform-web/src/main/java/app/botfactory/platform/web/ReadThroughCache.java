// A small in-memory read cache in front of a table: a value read from the database is kept for a
// short time-to-live, then read again. A miss (no row) is never kept, so whoever waits for a row
// that is still on its way sees it as soon as it is stored. invalidate() drops a key at once; a read
// that was already under way when the key was invalidated is answered but not kept, so an old row
// can never outlive the change that replaced it. Shared by the services' read models (ai-gateway's copies,
// channel-telegram's webhook view); a technical helper, no domain in it.
package app.botfactory.platform.web;

import io.smallrye.mutiny.Uni;

import java.time.Duration;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import java.util.function.LongSupplier;

public final class ReadThroughCache<K, V> {

    private record Entry<V>(V value, long expiresAt) { }

    private final long ttlNanos;
    private final int maxEntries;
    private final Function<K, Uni<V>> loader;
    private final LongSupplier nanoTime;
    private final ConcurrentHashMap<K, Entry<V>> entries = new ConcurrentHashMap<>();
    private final AtomicLong generation = new AtomicLong();

    /**
     * @param ttl        how long a value read is used before it is read again (zero: never kept)
     * @param maxEntries size bound: past it, every entry is dropped (they are all cheap to read again)
     * @param loader     reads one key from the database; null when there is no such row
     * @param nanoTime   the clock (System::nanoTime; tests step their own)
     */
    public ReadThroughCache(Duration ttl, int maxEntries, Function<K, Uni<V>> loader, LongSupplier nanoTime) {
        this.ttlNanos = ttl.toNanos();
        this.maxEntries = maxEntries;
        this.loader = loader;
        this.nanoTime = nanoTime;
    }

    /** The key's value, from memory when it was read less than the TTL ago; null when there is none. */
    public Uni<V> get(K key) {
        return Uni.createFrom().deferred(() -> {
            Entry<V> entry = entries.get(key);
            long now = nanoTime.getAsLong();
            if (entry != null && now - entry.expiresAt() < 0) {
                return Uni.createFrom().item(entry.value());
            }
            long readAt = generation.get();
            return loader.apply(key).invoke(value -> keep(key, value, readAt, now));
        });
    }

    /** Forgets the key now (its row changed): the next get reads it again. */
    public void invalidate(K key) {
        generation.incrementAndGet();
        entries.remove(key);
    }

    private void keep(K key, V value, long readAt, long now) {
        if (value == null || ttlNanos <= 0) {
            return;
        }
        if (entries.size() >= maxEntries) {
            entries.clear();
        }
        Entry<V> entry = new Entry<>(value, now + ttlNanos);
        entries.put(key, entry);
        if (generation.get() != readAt) {
            // Invalidated while this read was under way: the value may predate the change.
            entries.remove(key, entry);
        }
    }
}

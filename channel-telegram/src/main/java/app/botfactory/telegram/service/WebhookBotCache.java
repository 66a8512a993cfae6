// Keeps what the webhook checks per bot (secret, status, welcome) in memory for a few seconds, so
// a Telegram POST costs no read. A change made in this process (connect, disconnect, bot.events)
// forgets the bot at once. Another replica's change shows after at most the TTL: a just
// disconnected bot's webhook may still be taken in for that long, and a just paused bot answered,
// which is harmless (its token was valid a moment ago; the reply queue checks the connection again).
package app.botfactory.telegram.service;

import app.botfactory.telegram.config.TelegramConfig;
import app.botfactory.telegram.domain.WebhookBot;
import app.botfactory.telegram.repository.WebhookBotRepository;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

@ApplicationScoped
public class WebhookBotCache {

    /** Beyond this many bots the cache starts over rather than grow without bound (unknown ids). */
    private static final int MAX_ENTRIES = 100_000;

    private record Entry(WebhookBot bot, long expiresAtNanos) { }

    private final WebhookBotRepository repository;
    private final long ttlNanos;
    private final Map<UUID, Entry> entries = new ConcurrentHashMap<>();
    /** Bumped by every invalidation: a read that started before it must not be stored. */
    private final AtomicLong generation = new AtomicLong();

    public WebhookBotCache(WebhookBotRepository repository, TelegramConfig config) {
        this.repository = repository;
        this.ttlNanos = config.webhookCacheTtl().toNanos();
    }

    public Uni<WebhookBot> get(UUID botId) {
        Entry entry = entries.get(botId);
        if (entry != null && entry.expiresAtNanos() - System.nanoTime() > 0) {
            return Uni.createFrom().item(entry.bot());
        }
        long readAt = generation.get();
        return repository.find(botId).invoke(bot -> remember(bot, readAt));
    }

    /** Call after a change to the bot or its connection has committed. */
    public void invalidate(UUID botId) {
        generation.incrementAndGet();
        entries.remove(botId);
    }

    private void remember(WebhookBot bot, long readAt) {
        if (entries.size() >= MAX_ENTRIES) {
            entries.clear();
        }
        entries.put(bot.botId(), new Entry(bot, System.nanoTime() + ttlNanos));
        if (generation.get() != readAt) {
            entries.remove(bot.botId()); // an invalidation raced this read; the next request reads again
        }
    }
}

// Keeps what the webhook checks per bot (secret, status, welcome) in memory for a few seconds, so
// a Telegram POST costs no read. A change made in this process (connect, disconnect, bot.events)
// forgets the bot at once. Another replica's change shows after at most the TTL: a just
// disconnected bot's webhook may still be taken in for that long, and a just paused bot answered,
// which is harmless (its token was valid a moment ago; the reply queue checks the connection again).
package app.botfactory.telegram.service;

import app.botfactory.platform.web.ReadThroughCache;
import app.botfactory.telegram.config.TelegramConfig;
import app.botfactory.telegram.domain.WebhookBot;
import app.botfactory.telegram.repository.WebhookBotRepository;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.UUID;

@ApplicationScoped
public class WebhookBotCache {

    /** Beyond this many bots the cache starts over rather than grow without bound (unknown ids). */
    private static final int MAX_ENTRIES = 100_000;

    private final ReadThroughCache<UUID, WebhookBot> cache;

    public WebhookBotCache(WebhookBotRepository repository, TelegramConfig config) {
        // The repository answers WebhookBot.unknown(id) rather than null, so an unknown bot is kept too.
        this.cache = new ReadThroughCache<>(config.webhookCacheTtl(), MAX_ENTRIES, repository::find,
                System::nanoTime);
    }

    public Uni<WebhookBot> get(UUID botId) {
        return cache.get(botId);
    }

    /** Call after a change to the bot or its connection has committed. */
    public void invalidate(UUID botId) {
        cache.invalidate(botId);
    }
}

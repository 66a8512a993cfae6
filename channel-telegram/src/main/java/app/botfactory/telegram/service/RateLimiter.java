// Telegram's sending limits, per instance: about 30 messages a second per bot (token bucket) and
// one reply a second per chat. Answers "when may this go out" instead of blocking anyone. A chat is
// remembered only while its interval runs: every PRUNE_EVERY reservations the ones past it are
// dropped, so the map holds the chats of the last second or so, not every chat ever answered.
package app.botfactory.telegram.service;

import app.botfactory.telegram.config.TelegramConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

@ApplicationScoped
public class RateLimiter {

    static final int PRUNE_EVERY = 4_096;

    private final double perBotPerSecond;
    private final Duration perChatInterval;
    private final Map<UUID, Bucket> bots = new ConcurrentHashMap<>();
    private final Map<String, Instant> chats = new ConcurrentHashMap<>();
    private int sincePrune;

    @Inject
    public RateLimiter(TelegramConfig config) {
        this(config.perBotPerSecond(), config.perChatInterval());
    }

    RateLimiter(int perBotPerSecond, Duration perChatInterval) {
        this.perBotPerSecond = perBotPerSecond;
        this.perChatInterval = perChatInterval;
    }

    /** Null when `parts` messages may go now (and reserves them); otherwise the earliest time to retry. */
    public synchronized Instant reserve(UUID botId, String chatId, int parts, Instant now) {
        if (++sincePrune >= PRUNE_EVERY) {
            sincePrune = 0;
            chats.values().removeIf(free -> !free.isAfter(now));
        }
        String chatKey = botId + ":" + chatId;
        Instant chatFree = chats.getOrDefault(chatKey, Instant.MIN);
        if (chatFree.isAfter(now)) {
            return chatFree;
        }
        Bucket bucket = bots.computeIfAbsent(botId, id -> new Bucket(perBotPerSecond, now));
        Instant botFree = bucket.take(parts, now, perBotPerSecond);
        if (botFree != null) {
            return botFree;
        }
        chats.put(chatKey, now.plus(perChatInterval));
        return null;
    }

    /** Chats whose interval may still be running (for tests). */
    synchronized int chatsRemembered() {
        return chats.size();
    }

    /** Telegram said 429: nothing more for this bot until `until`. */
    public synchronized void pauseBot(UUID botId, Instant until) {
        bots.computeIfAbsent(botId, id -> new Bucket(perBotPerSecond, until)).pausedUntil = until;
    }

    private static final class Bucket {
        double tokens;
        Instant refilledAt;
        Instant pausedUntil = Instant.MIN;

        Bucket(double capacity, Instant now) {
            this.tokens = capacity;
            this.refilledAt = now;
        }

        Instant take(int n, Instant now, double rate) {
            if (pausedUntil.isAfter(now)) {
                return pausedUntil;
            }
            double elapsed = Duration.between(refilledAt, now).toNanos() / 1e9;
            tokens = Math.min(rate, tokens + Math.max(0, elapsed) * rate);
            refilledAt = now;
            double need = Math.min(n, rate);
            if (tokens >= need) {
                tokens -= need;
                return null;
            }
            long waitNanos = (long) ((need - tokens) / rate * 1e9);
            return now.plusNanos(Math.max(waitNanos, 1_000_000));
        }
    }
}

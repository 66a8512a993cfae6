// The rate limiter keeps Telegram's per-chat and per-bot limits and forgets a chat once its interval
// has run, so a channel that has answered millions of chats holds only the recent ones.
package app.botfactory.telegram.service;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RateLimiterTests {

    private static final Instant T0 = Instant.parse("2026-12-03T10:00:00Z");

    @Test
    void aSecondReplyToTheSameChatWaitsForTheChatInterval() {
        RateLimiter limiter = new RateLimiter(30, Duration.ofSeconds(1));
        UUID bot = UUID.randomUUID();
        assertNull(limiter.reserve(bot, "1", 1, T0));
        assertEquals(T0.plusSeconds(1), limiter.reserve(bot, "1", 1, T0.plusMillis(300)));
        assertNull(limiter.reserve(bot, "2", 1, T0.plusMillis(300)), "another chat is not held up");
        assertNull(limiter.reserve(bot, "1", 1, T0.plusSeconds(1)));
    }

    @Test
    void aBotBeyondItsPerSecondBudgetIsToldWhenItMaySendAgain() {
        RateLimiter limiter = new RateLimiter(30, Duration.ofSeconds(1));
        UUID bot = UUID.randomUUID();
        for (int chat = 0; chat < 30; chat++) {
            assertNull(limiter.reserve(bot, "c" + chat, 1, T0));
        }
        Instant next = limiter.reserve(bot, "c30", 1, T0);
        assertTrue(next != null && next.isAfter(T0) && !next.isAfter(T0.plusMillis(40)), "one token refills in ~33 ms");
        assertNull(limiter.reserve(UUID.randomUUID(), "c30", 1, T0), "another bot has its own budget");
    }

    @Test
    void chatsWhoseIntervalHasRunAreForgotten() {
        RateLimiter limiter = new RateLimiter(1_000_000, Duration.ofSeconds(1));
        UUID bot = UUID.randomUUID();
        int chats = 3 * RateLimiter.PRUNE_EVERY;
        for (int chat = 0; chat < chats; chat++) {
            // one chat per millisecond: at any moment only the last second's ~1,000 chats are held up
            assertNull(limiter.reserve(bot, "chat-" + chat, 1, T0.plusMillis(chat)));
        }
        assertTrue(limiter.chatsRemembered() < RateLimiter.PRUNE_EVERY + 1_000,
                "remembered " + limiter.chatsRemembered() + " of " + chats + " chats");
        assertEquals(T0.plusMillis(chats - 1).plusSeconds(1),
                limiter.reserve(bot, "chat-" + (chats - 1), 1, T0.plusMillis(chats)), "a recent chat still waits");
    }
}

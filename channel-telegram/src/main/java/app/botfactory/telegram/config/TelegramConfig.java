// Typed configuration of channel-telegram: where Telegram calls us, the key sealing bot tokens,
// and Telegram's delivery limits.
package app.botfactory.telegram.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;

@ConfigMapping(prefix = "botfactory.telegram")
public interface TelegramConfig {

    /** Public https address Telegram calls; webhooks are {publicBaseUrl}/telegram/webhook/{botId}. */
    String publicBaseUrl();

    /** BOTFACTORY_SECRET_KEY: base64 of 32 random bytes (any other string is hashed to a key). */
    String secretKey();

    /** Parallel webhook connections Telegram may open per bot (1-100). */
    @WithDefault("40")
    int maxConnections();

    /** Messages per second one bot may send (Telegram: about 30). */
    @WithDefault("30")
    int perBotPerSecond();

    /** Minimum gap between two replies in one chat (Telegram: about one a second). */
    @WithDefault("1s")
    Duration perChatInterval();

    /** Attempts for transient failures (5xx, network) before a reply is dead-lettered. */
    @WithDefault("12")
    int maxAttempts();

    /** Pause of the dispatcher loop when no reply is due. */
    @WithDefault("50ms")
    Duration dispatchInterval();

    /** Replies claimed per dispatcher tick. */
    @WithDefault("200")
    int dispatchBatch();
}

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

    /**
     * Fallback poll of the reply queue. A reply queued in this process wakes the dispatcher at
     * once; the poll only picks up retries that came due and replies queued by other replicas.
     */
    @WithDefault("500ms")
    Duration dispatchPollInterval();

    /** Most replies one claim takes. */
    @WithDefault("200")
    int dispatchBatch();

    /**
     * Most replies being sent to Telegram at once by this process (claimed, outcome not written yet).
     * Claims overlap the sends of earlier claims up to this, so a slow sendMessage holds up only its
     * own reply; beyond it, the queue waits in Postgres.
     */
    @WithDefault("1000")
    int dispatchMaxInFlight();

    /**
     * How long the webhook trusts what it cached about a bot (secret, status, welcome). Changes made
     * in this process take effect at once; another replica's change after at most this long.
     */
    @WithDefault("5s")
    Duration webhookCacheTtl();

    /** Most updates one webhook group commit writes. */
    @WithDefault("500")
    int webhookBatch();
}

// What the webhook needs to know about a bot, cached for a few seconds: its Telegram connection's
// secret, and from the bot read model whether it answers and what /start says.
package app.botfactory.telegram.domain;

import java.util.UUID;

/**
 * `secretToken` is null when the bot has no Telegram connection; `status` is null when the bot
 * read model does not know the bot (yet).
 */
public record WebhookBot(UUID botId, String secretToken, String status, String welcomeMessage, UUID ownerId) {

    public static WebhookBot unknown(UUID botId) {
        return new WebhookBot(botId, null, null, null, null);
    }

    public boolean connected() {
        return secretToken != null;
    }

    /** Known and not paused: its customers' messages are taken in. */
    public boolean answering() {
        return status != null && !"PAUSED".equals(status);
    }
}

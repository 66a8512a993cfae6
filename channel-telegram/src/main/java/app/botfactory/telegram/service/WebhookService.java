// Takes in one Telegram update: checks the bot's secret, drops redeliveries by update_id, turns
// a text message into a chat.inbound record (through the outbox) and /start into the welcome
// reply. Everything is committed before Telegram gets its 200, so an accepted update is never lost.
package app.botfactory.telegram.service;

import app.botfactory.platform.outbox.EventOutbox;
import app.botfactory.platform.web.ApiException;
import app.botfactory.telegram.domain.TelegramConnection;
import app.botfactory.telegram.messaging.Events;
import app.botfactory.telegram.repository.BotProfileRepository;
import app.botfactory.telegram.repository.ConnectionRepository;
import app.botfactory.telegram.repository.UpdateLogRepository;
import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;

@ApplicationScoped
public class WebhookService {

    /** What became of an update; the webhook answers 200 for all of them. */
    public enum Outcome { INBOUND, WELCOME, DUPLICATE, SKIPPED }

    private static final Logger LOG = Logger.getLogger(WebhookService.class);

    private final ConnectionRepository connections;
    private final BotProfileRepository bots;
    private final UpdateLogRepository updates;
    private final EventOutbox outbox;
    private final DeliveryService deliveries;
    private final Clock clock;

    public WebhookService(ConnectionRepository connections, BotProfileRepository bots, UpdateLogRepository updates,
                          EventOutbox outbox, DeliveryService deliveries, Clock clock) {
        this.connections = connections;
        this.bots = bots;
        this.updates = updates;
        this.outbox = outbox;
        this.deliveries = deliveries;
        this.clock = clock;
    }

    @WithTransaction
    public Uni<Outcome> receive(UUID botId, String secretHeader, JsonNode update) {
        return connections.findById(botId)
                .invoke(connection -> verifySecret(connection, secretHeader))
                .chain(connection -> {
                    long updateId = updateId(update);
                    Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
                    return updates.firstSighting(botId, updateId, now).chain(first -> first
                            ? handle(botId, updateId, update, now)
                            : Uni.createFrom().item(Outcome.DUPLICATE));
                })
                .invoke(outcome -> LOG.debugf("webhook bot=%s outcome=%s", botId, outcome));
    }

    private Uni<Outcome> handle(UUID botId, long updateId, JsonNode update, Instant now) {
        JsonNode message = update.path("message");
        JsonNode text = message.path("text");
        JsonNode chat = message.path("chat").path("id");
        if (!text.isTextual() || !chat.canConvertToLong()) {
            return Uni.createFrom().item(Outcome.SKIPPED); // photos, stickers, edits, joins ...
        }
        String chatId = chat.asText();
        String userId = message.path("from").path("id").asText(chatId);
        String messageId = "tg:" + botId + ":" + updateId;
        return bots.findById(botId).chain(bot -> {
            if (bot == null || "PAUSED".equals(bot.status)) {
                return Uni.createFrom().item(Outcome.SKIPPED);
            }
            if (isStart(text.asText())) {
                return deliveries.enqueueWelcome(messageId, bot, chatId, now).replaceWith(Outcome.WELCOME);
            }
            Events.InboundMessage inbound = new Events.InboundMessage(messageId, botId, Events.CHANNEL, chatId,
                    userId, text.asText(), now);
            return outbox.append(Events.CHAT_INBOUND, botId + ":" + chatId, UUID.randomUUID(), inbound, now)
                    .replaceWith(Outcome.INBOUND);
        });
    }

    private static boolean isStart(String text) {
        String t = text.trim();
        return t.equals("/start") || t.startsWith("/start ") || t.startsWith("/start@");
    }

    private static void verifySecret(TelegramConnection connection, String presented) {
        boolean valid = connection != null && presented != null && MessageDigest.isEqual(
                connection.secretToken.getBytes(StandardCharsets.UTF_8), presented.getBytes(StandardCharsets.UTF_8));
        if (!valid) {
            throw new ApiException(401, "invalid-webhook-secret", "Unauthorized",
                    "X-Telegram-Bot-Api-Secret-Token is missing or wrong for this bot.");
        }
    }

    private static long updateId(JsonNode update) {
        JsonNode id = update == null ? null : update.get("update_id");
        if (id == null || !id.canConvertToLong() || !id.isIntegralNumber()) {
            throw ApiException.validation("update_id", "a Telegram Update carries a numeric update_id");
        }
        return id.asLong();
    }
}

// Takes in one Telegram update: checks the bot's secret (cached, see WebhookBotCache), then hands
// a text message (a chat.inbound record) or /start (the welcome reply) to the group commit, which
// drops redeliveries by update_id. Everything is committed before Telegram gets its 200, so an
// accepted update is never lost. Updates of paused or unknown bots and other kinds are skipped
// without touching the database.
package app.botfactory.telegram.service;

import app.botfactory.platform.web.ApiException;
import app.botfactory.telegram.domain.AcceptedUpdate;
import app.botfactory.telegram.domain.WebhookBot;
import app.botfactory.telegram.messaging.Events;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.temporal.ChronoUnit;
import java.util.UUID;

@ApplicationScoped
public class WebhookService {

    /** What became of an update; the webhook answers 200 for all of them. */
    public enum Outcome { INBOUND, WELCOME, DUPLICATE, SKIPPED }

    private static final Logger LOG = Logger.getLogger(WebhookService.class);

    private final WebhookBotCache bots;
    private final UpdateGroupCommit commits;
    private final DeliveryService deliveries;
    private final DispatchJob dispatcher;
    private final ObjectMapper json;
    private final Clock clock;

    public WebhookService(WebhookBotCache bots, UpdateGroupCommit commits, DeliveryService deliveries,
                          DispatchJob dispatcher, ObjectMapper json, Clock clock) {
        this.bots = bots;
        this.commits = commits;
        this.deliveries = deliveries;
        this.dispatcher = dispatcher;
        this.json = json;
        this.clock = clock;
    }

    public Uni<Outcome> receive(UUID botId, String secretHeader, JsonNode update) {
        return bots.get(botId)
                .invoke(bot -> verifySecret(bot, secretHeader))
                .chain(bot -> take(bot, updateId(update), update))
                .invoke(outcome -> {
                    if (outcome == Outcome.WELCOME) {
                        dispatcher.wake();
                    }
                    LOG.debugf("webhook bot=%s outcome=%s", botId, outcome);
                });
    }

    private Uni<Outcome> take(WebhookBot bot, long updateId, JsonNode update) {
        JsonNode message = update.path("message");
        JsonNode text = message.path("text");
        JsonNode chat = message.path("chat").path("id");
        if (!text.isTextual() || !chat.canConvertToLong() || !bot.answering()) {
            return Uni.createFrom().item(Outcome.SKIPPED); // photos, stickers, edits, joins, paused bots ...
        }
        String chatId = chat.asText();
        String messageId = "tg:" + bot.botId() + ":" + updateId;
        String key = bot.botId() + ":" + chatId;
        AcceptedUpdate accepted = isStart(text.asText())
                ? new AcceptedUpdate(bot.botId(), updateId, UUID.randomUUID(), key, null,
                        deliveries.welcome(messageId, bot, chatId))
                : new AcceptedUpdate(bot.botId(), updateId, UUID.randomUUID(), key,
                        inbound(messageId, bot.botId(), chatId, message, text.asText()), null);
        return commits.submit(accepted).map(first -> !first ? Outcome.DUPLICATE
                : accepted.welcome() != null ? Outcome.WELCOME : Outcome.INBOUND);
    }

    private String inbound(String messageId, UUID botId, String chatId, JsonNode message, String text) {
        String userId = message.path("from").path("id").asText(chatId);
        Events.InboundMessage inbound = new Events.InboundMessage(messageId, botId, Events.CHANNEL, chatId,
                userId, text, clock.instant().truncatedTo(ChronoUnit.MICROS));
        try {
            return json.writeValueAsString(inbound);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("chat.inbound record not serialisable", e);
        }
    }

    private static boolean isStart(String text) {
        String t = text.trim();
        return t.equals("/start") || t.startsWith("/start ") || t.startsWith("/start@");
    }

    private static void verifySecret(WebhookBot bot, String presented) {
        boolean valid = bot.connected() && presented != null && MessageDigest.isEqual(
                bot.secretToken().getBytes(StandardCharsets.UTF_8), presented.getBytes(StandardCharsets.UTF_8));
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

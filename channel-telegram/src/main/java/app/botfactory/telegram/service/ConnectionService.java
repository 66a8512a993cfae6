// Connecting a bot to Telegram: check the token with getMe, point the webhook at us with a fresh
// per-bot secret, store the token sealed. Disconnecting (or the bot's deletion) removes the webhook.
// Both write a channel.events record through the outbox in the same transaction as the change.
// A bot the bot.events read model does not know yet is looked up in bot-service with the caller's
// token (read-your-writes right after creation) before the answer is 404.
package app.botfactory.telegram.service;

import app.botfactory.platform.outbox.EventOutbox;
import app.botfactory.platform.web.ApiException;
import app.botfactory.telegram.client.BotServiceApi;
import app.botfactory.telegram.client.TelegramClient;
import app.botfactory.telegram.client.TelegramReply;
import app.botfactory.telegram.config.TelegramConfig;
import app.botfactory.telegram.domain.TelegramConnection;
import app.botfactory.telegram.messaging.Events;
import app.botfactory.telegram.repository.BotProfileRepository;
import app.botfactory.telegram.repository.ConnectionRepository;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.rest.client.inject.RestClient;
import org.jboss.logging.Logger;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.UUID;
import java.util.regex.Pattern;

@ApplicationScoped
public class ConnectionService {

    /** Shape of a BotFather token: numeric bot id, colon, 35-ish URL-safe characters. */
    private static final Pattern TOKEN = Pattern.compile("^[0-9]{3,20}:[A-Za-z0-9_-]{20,100}$");
    private static final Logger LOG = Logger.getLogger(ConnectionService.class);

    private final BotProfileRepository bots;
    private final ConnectionRepository connections;
    private final TelegramClient telegram;
    private final TokenCipher cipher;
    private final TelegramConfig config;
    private final Clock clock;
    private final BotServiceApi botService;
    private final EventOutbox outbox;
    private final WebhookBotCache webhookBots;
    private final SecureRandom random = new SecureRandom();

    public ConnectionService(BotProfileRepository bots, ConnectionRepository connections, TelegramClient telegram,
                             TokenCipher cipher, TelegramConfig config, Clock clock,
                             @RestClient BotServiceApi botService, EventOutbox outbox,
                             WebhookBotCache webhookBots) {
        this.webhookBots = webhookBots;
        this.botService = botService;
        this.outbox = outbox;
        this.bots = bots;
        this.connections = connections;
        this.telegram = telegram;
        this.cipher = cipher;
        this.config = config;
        this.clock = clock;
    }

    public Uni<TelegramConnection> connect(UUID ownerId, UUID botId, String token, String authorization) {
        String trimmed = token.trim();
        if (!TOKEN.matcher(trimmed).matches()) {
            return Uni.createFrom().failure(ApiException.validation("token",
                    "does not look like a Telegram bot token (123456789:AA...) from @BotFather"));
        }
        String secret = newSecret();
        String webhookUrl = config.publicBaseUrl().replaceAll("/+$", "") + "/telegram/webhook/" + botId;
        return Panache.withSession(() -> owned(ownerId, botId))
                .onFailure(ConnectionService::isBotNotFound).recoverWithUni(missing -> learnNewBot(ownerId, botId,
                        authorization, missing))
                .chain(() -> telegram.getMe(trimmed).onFailure().transform(ConnectionService::unreachable))
                .invoke(ConnectionService::requireValidToken)
                .chain(me -> telegram.setWebhook(trimmed, webhookUrl, secret, config.maxConnections())
                        .onFailure().transform(ConnectionService::unreachable)
                        .invoke(ConnectionService::requireWebhookSet)
                        .chain(ignored -> save(botId, trimmed, secret, webhookUrl, me)))
                .invoke(c -> LOG.infof("telegram connected bot=%s username=%s outcome=connected", botId, c.username));
    }

    @WithSession
    public Uni<TelegramConnection> status(UUID ownerId, UUID botId) {
        return owned(ownerId, botId).chain(() -> connections.findById(botId))
                .onItem().ifNull().failWith(() -> ApiException.notFound("telegram-not-connected",
                        "This bot is not connected to Telegram."));
    }

    public Uni<Void> disconnect(UUID ownerId, UUID botId) {
        return Panache.withSession(() -> owned(ownerId, botId)).chain(() -> removeConnection(botId));
    }

    /** Removes the webhook (best effort: Telegram may be down) and forgets the token. */
    public Uni<Void> removeConnection(UUID botId) {
        return Panache.withSession(() -> connections.findById(botId)).chain(connection -> {
            if (connection == null) {
                return Uni.createFrom().voidItem();
            }
            return telegram.deleteWebhook(cipher.open(connection.tokenSealed))
                    .invoke(reply -> LOG.infof("telegram deleteWebhook bot=%s ok=%s", botId, reply.ok()))
                    .onFailure().invoke(e -> LOG.warnf("telegram deleteWebhook bot=%s failed: %s", botId,
                            e.getMessage()))
                    .onFailure().recoverWithNull()
                    .chain(() -> Panache.withTransaction(() -> connections.deleteById(botId)
                            .call(deleted -> deleted ? published("ChannelDisconnected", botId, null, null)
                                    : Uni.createFrom().voidItem())))
                    .invoke(() -> webhookBots.invalidate(botId))
                    .replaceWithVoid();
        });
    }

    /**
     * Asks bot-service (as the caller) whether the bot exists; if it does it is the caller's, and its
     * profile is stored unless bot.events got there first. Any failure keeps the original 404.
     */
    private Uni<Void> learnNewBot(UUID ownerId, UUID botId, String authorization, Throwable missing) {
        if (authorization == null || authorization.isBlank()) {
            return Uni.createFrom().failure(missing);
        }
        return botService.get(botId, authorization)
                .ifNoItem().after(Duration.ofSeconds(2)).fail()
                .onFailure().transform(e -> missing)
                .chain(bot -> bot == null || !botId.equals(bot.id()) ? Uni.createFrom().failure(missing)
                        : Panache.withTransaction(() -> bots.insertIfAbsent(botId, ownerId,
                                bot.welcomeMessage() == null ? "👋" : bot.welcomeMessage(),
                                bot.status() == null ? "ACTIVE" : bot.status(),
                                clock.instant().truncatedTo(ChronoUnit.MICROS))))
                .invoke(() -> webhookBots.invalidate(botId))
                .invoke(() -> LOG.infof("bot learned from bot-service bot=%s owner=%s", botId, ownerId))
                .replaceWithVoid();
    }

    private static boolean isBotNotFound(Throwable e) {
        return e instanceof ApiException api && "bot-not-found".equals(api.type());
    }

    private Uni<Void> owned(UUID ownerId, UUID botId) {
        return bots.findOwned(botId, ownerId)
                .onItem().ifNull().failWith(() -> ApiException.notFound("bot-not-found", "No bot with id " + botId + "."))
                .replaceWithVoid();
    }

    private Uni<TelegramConnection> save(UUID botId, String token, String secret, String webhookUrl,
                                         TelegramReply me) {
        return Panache.withTransaction(() -> connections.findById(botId).chain(existing -> {
            TelegramConnection c = existing == null ? new TelegramConnection() : existing;
            c.botId = botId;
            c.tokenSealed = cipher.seal(token);
            c.secretToken = secret;
            c.telegramId = me.result().path("id").asLong();
            c.username = me.result().path("username").asText("");
            c.webhookUrl = webhookUrl;
            c.connectedAt = clock.instant().truncatedTo(ChronoUnit.MICROS);
            return (existing == null ? connections.persist(c) : Uni.createFrom().item(c))
                    .call(saved -> published("ChannelConnected", botId, saved.username, saved.webhookUrl));
        })).invoke(() -> webhookBots.invalidate(botId));
    }

    private Uni<Void> published(String type, UUID botId, String username, String webhookUrl) {
        var now = clock.instant().truncatedTo(ChronoUnit.MICROS);
        UUID eventId = UUID.randomUUID();
        return outbox.append(Events.CHANNEL_EVENTS, botId.toString(), eventId,
                new Events.ChannelEvent(type, eventId, botId, Events.CHANNEL, username, webhookUrl, now), now);
    }

    private static void requireValidToken(TelegramReply me) {
        if (!me.ok() || me.result() == null) {
            if (me.serverSide() || me.rateLimited()) {
                throw new ApiException(503, "telegram-unavailable", "Service Unavailable",
                        "Telegram did not answer properly; try again in a minute.");
            }
            throw new ApiException(400, "invalid-telegram-token", "Bad request",
                    "Telegram rejected this token (" + me.description() + "). Copy it again from @BotFather.");
        }
    }

    private static void requireWebhookSet(TelegramReply reply) {
        if (!reply.ok()) {
            throw new ApiException(502, "webhook-rejected", "Bad Gateway",
                    "Telegram refused the webhook: " + reply.description());
        }
    }

    private static Throwable unreachable(Throwable e) {
        return e instanceof ApiException ? e : new ApiException(503, "telegram-unavailable", "Service Unavailable",
                "Telegram could not be reached; try again in a minute.");
    }

    private String newSecret() {
        byte[] bytes = new byte[32];
        random.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}

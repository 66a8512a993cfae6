// Delivers replies to Telegram: one queue row per messageId (so a redelivered chat.outbound record
// is sent once), Telegram's limits respected, 429 retry_after honoured, transient failures retried
// with backoff, permanent refusals (blocked, chat not found) dead-lettered with the reason.
package app.botfactory.telegram.service;

import app.botfactory.platform.outbox.EventOutbox;
import app.botfactory.telegram.client.TelegramClient;
import app.botfactory.telegram.client.TelegramReply;
import app.botfactory.telegram.config.TelegramConfig;
import app.botfactory.telegram.domain.BotProfile;
import app.botfactory.telegram.domain.Delivery;
import app.botfactory.telegram.domain.TelegramConnection;
import app.botfactory.telegram.messaging.Events;
import app.botfactory.telegram.repository.ConnectionRepository;
import app.botfactory.telegram.repository.DeliveryRepository;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

@ApplicationScoped
public class DeliveryService {

    private static final Logger LOG = Logger.getLogger(DeliveryService.class);
    /** How long a claimed reply is ours before another dispatcher may take it over. */
    private static final Duration LEASE = Duration.ofSeconds(60);

    private final DeliveryRepository deliveries;
    private final ConnectionRepository connections;
    private final TelegramClient telegram;
    private final TokenCipher cipher;
    private final RateLimiter limiter;
    private final EventOutbox outbox;
    private final TelegramConfig config;
    private final ObjectMapper json;
    private final Clock clock;

    public DeliveryService(DeliveryRepository deliveries, ConnectionRepository connections, TelegramClient telegram,
                           TokenCipher cipher, RateLimiter limiter, EventOutbox outbox, TelegramConfig config,
                           ObjectMapper json, Clock clock) {
        this.deliveries = deliveries;
        this.connections = connections;
        this.telegram = telegram;
        this.cipher = cipher;
        this.limiter = limiter;
        this.outbox = outbox;
        this.config = config;
        this.json = json;
        this.clock = clock;
    }

    /** Queues a chat.outbound reply; false when this messageId was queued before. */
    @WithTransaction
    public Uni<Boolean> enqueue(Events.OutboundMessage message, String payload) {
        Delivery d = new Delivery();
        d.messageId = message.messageId();
        d.botId = message.botId();
        d.chatId = message.chatId();
        d.kind = message.kind() == null ? "ANSWER" : message.kind();
        d.text = message.text() == null || message.text().isBlank() ? "…" : message.text();
        d.payload = payload;
        d.createdAt = now();
        return deliveries.enqueue(d);
    }

    /** The /start reply, queued inside the webhook's transaction. */
    public Uni<Boolean> enqueueWelcome(String messageId, BotProfile bot, String chatId, Instant now) {
        Delivery d = new Delivery();
        d.messageId = messageId + ":welcome";
        d.botId = bot.botId;
        d.chatId = chatId;
        d.kind = "WELCOME";
        d.text = bot.welcomeMessage;
        d.payload = toJson(Map.of("messageId", d.messageId, "botId", bot.botId.toString(), "ownerId",
                bot.ownerId.toString(), "channel", Events.CHANNEL, "chatId", chatId, "text", bot.welcomeMessage,
                "kind", "WELCOME"));
        d.createdAt = now;
        return deliveries.enqueue(d);
    }

    /**
     * One dispatcher pass: claim due replies (one per chat), send them to Telegram concurrently,
     * then record every outcome in one transaction. HTTP runs in parallel; the database is touched
     * sequentially (a reactive session must never be used by two operations at once).
     */
    public Uni<Integer> dispatchOnce() {
        Instant now = now();
        return Panache.withTransaction(() -> deliveries.claimDue(now, now.plus(LEASE), config.dispatchBatch())
                        .chain(claimed -> claimed.isEmpty() ? Uni.createFrom().item(new Batch(claimed, Map.of()))
                                : connections.list("botId in ?1", claimed.stream().map(d -> d.botId).distinct().toList())
                                        .map(found -> new Batch(claimed, byBot(found)))))
                .chain(batch -> {
                    if (batch.claimed().isEmpty()) {
                        return Uni.createFrom().item(0);
                    }
                    List<Uni<Outcome>> sends = new ArrayList<>();
                    for (Delivery d : batch.claimed()) {
                        sends.add(attempt(d, batch.connections().get(d.botId)));
                    }
                    return Uni.join().all(sends).andCollectFailures()
                            .chain(outcomes -> Panache.withTransaction(() -> record(outcomes, 0)))
                            .replaceWith(batch.claimed().size());
                });
    }

    /** The claimed replies of one pass and the connections of their bots. */
    private record Batch(List<Delivery> claimed, Map<UUID, TelegramConnection> connections) { }

    /** What should be written back for one reply after this attempt. */
    private record Outcome(Delivery delivery, String status, int partsSent, Instant nextAttemptAt, int attempts,
                           String error, String deadLetterCode) { }

    private static Map<UUID, TelegramConnection> byBot(List<TelegramConnection> found) {
        Map<UUID, TelegramConnection> map = new java.util.HashMap<>();
        found.forEach(c -> map.put(c.botId, c));
        return map;
    }

    private Uni<Outcome> attempt(Delivery d, TelegramConnection connection) {
        if (connection == null) {
            return Uni.createFrom().item(dead(d, "telegram-not-connected", "the bot has no Telegram connection"));
        }
        List<String> parts = MessageSplitter.split(d.text);
        Instant notBefore = limiter.reserve(d.botId, d.chatId, parts.size() - d.partsSent, now());
        if (notBefore != null) {
            return Uni.createFrom().item(new Outcome(d, Delivery.PENDING, d.partsSent, notBefore, d.attempts,
                    d.lastError, null));
        }
        return sendParts(d, cipher.open(connection.tokenSealed), parts, d.partsSent);
    }

    /** Sends the parts from `next` on, one after another; stops at the first failure. */
    private Uni<Outcome> sendParts(Delivery d, String token, List<String> parts, int next) {
        if (next >= parts.size()) {
            return Uni.createFrom().item(new Outcome(d, Delivery.SENT, parts.size(), d.nextAttemptAt, d.attempts,
                    null, null));
        }
        return telegram.sendMessage(token, d.chatId, parts.get(next))
                .onFailure().recoverWithItem(e -> null)
                .chain(reply -> reply != null && reply.ok()
                        ? sendParts(d, token, parts, next + 1)
                        : Uni.createFrom().item(failed(d, reply, next)));
    }

    private Outcome failed(Delivery d, TelegramReply reply, int partsSent) {
        Instant now = now();
        if (reply != null && reply.rateLimited()) {
            int wait = reply.retryAfterSeconds() == null ? 1 : Math.max(1, reply.retryAfterSeconds());
            Instant until = now.plusSeconds(wait);
            limiter.pauseBot(d.botId, until);
            LOG.infof("telegram 429 bot=%s message=%s retryAfter=%ds", d.botId, d.messageId, wait);
            return new Outcome(d, Delivery.PENDING, partsSent, until, d.attempts, "429 retry after " + wait + "s",
                    null);
        }
        if (reply == null || reply.serverSide()) {
            String reason = reply == null ? "Telegram unreachable" : reply.errorCode() + " " + reply.description();
            if (d.attempts + 1 >= config.maxAttempts()) {
                return dead(d, "telegram-unavailable", reason);
            }
            long backoff = Math.min(60, 1L << Math.min(d.attempts, 6));
            long jitterMillis = ThreadLocalRandom.current().nextLong(250);
            return new Outcome(d, Delivery.PENDING, partsSent, now.plusSeconds(backoff).plusMillis(jitterMillis),
                    d.attempts + 1, reason, null);
        }
        // 400 chat not found, 403 blocked by the user, 401 token revoked: retrying cannot help.
        return dead(d, "telegram-" + reply.errorCode(), reply.description());
    }

    private static Outcome dead(Delivery d, String code, String reason) {
        return new Outcome(d, Delivery.FAILED, d.partsSent, d.nextAttemptAt, d.attempts, reason, code);
    }

    /** Writes outcomes one after another inside the caller's transaction. */
    private Uni<Void> record(List<Outcome> outcomes, int index) {
        if (index == outcomes.size()) {
            return Uni.createFrom().voidItem();
        }
        Outcome o = outcomes.get(index);
        Instant now = now();
        Uni<Integer> write = Delivery.SENT.equals(o.status())
                ? deliveries.update("status = ?1, partsSent = ?2, sentAt = ?3 where messageId = ?4",
                        o.status(), o.partsSent(), now, o.delivery().messageId)
                : deliveries.update("status = ?1, partsSent = ?2, nextAttemptAt = ?3, attempts = ?4, lastError = ?5 "
                        + "where messageId = ?6", o.status(), o.partsSent(), o.nextAttemptAt(), o.attempts(),
                        truncate(o.error() == null ? "" : o.error()), o.delivery().messageId);
        Uni<Void> then = o.deadLetterCode() == null ? Uni.createFrom().voidItem() : deadLetter(o, now);
        return write.chain(() -> then).chain(() -> record(outcomes, index + 1));
    }

    private Uni<Void> deadLetter(Outcome o, Instant now) {
        Delivery d = o.delivery();
        LOG.infof("delivery dead-lettered bot=%s message=%s code=%s", d.botId, d.messageId, o.deadLetterCode());
        return outbox.appendRaw(Events.CHAT_OUTBOUND_DLQ, d.botId + ":" + d.chatId, UUID.randomUUID(), d.payload,
                now, Map.of("reason", truncate(o.error()), "dlq-code", o.deadLetterCode()));
    }

    private String toJson(Object value) {
        try {
            return json.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("not serialisable", e);
        }
    }

    private static String truncate(String s) {
        return s == null ? null : s.length() <= 480 ? s : s.substring(0, 480);
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MICROS);
    }
}

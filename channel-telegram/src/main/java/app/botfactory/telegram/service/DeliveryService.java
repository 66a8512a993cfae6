// Delivers replies to Telegram: one queue row per messageId (so a redelivered chat.outbound record
// is sent once), Telegram's limits respected, 429 retry_after honoured, transient failures retried
// with backoff, permanent refusals (blocked, chat not found) dead-lettered with the reason. Every
// database step is one statement for a whole batch: enqueue, claim, and recording the outcomes.
package app.botfactory.telegram.service;

import app.botfactory.telegram.client.TelegramClient;
import app.botfactory.telegram.client.TelegramReply;
import app.botfactory.telegram.config.TelegramConfig;
import app.botfactory.telegram.domain.DeadLetter;
import app.botfactory.telegram.domain.Delivery;
import app.botfactory.telegram.domain.DeliveryOutcome;
import app.botfactory.telegram.domain.NewDelivery;
import app.botfactory.telegram.domain.WebhookBot;
import app.botfactory.telegram.messaging.Events;
import app.botfactory.telegram.repository.DeliveryRepository;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;

@ApplicationScoped
public class DeliveryService {

    private static final Logger LOG = Logger.getLogger(DeliveryService.class);
    /** How long a claimed reply is ours before another dispatcher may take it over. */
    private static final Duration LEASE = Duration.ofSeconds(60);
    /** Opened tokens kept (sealed -> plain); far more than the bots one instance serves. */
    private static final int MAX_OPENED_TOKENS = 10_000;

    private final DeliveryRepository deliveries;
    private final TelegramClient telegram;
    private final TokenCipher cipher;
    private final RateLimiter limiter;
    private final TelegramConfig config;
    private final ObjectMapper json;
    private final Clock clock;
    private final Map<String, String> openedTokens = new ConcurrentHashMap<>();
    private Instant lastStamp = Instant.EPOCH;

    public DeliveryService(DeliveryRepository deliveries, TelegramClient telegram, TokenCipher cipher,
                           RateLimiter limiter, TelegramConfig config, ObjectMapper json, Clock clock) {
        this.deliveries = deliveries;
        this.telegram = telegram;
        this.cipher = cipher;
        this.limiter = limiter;
        this.config = config;
        this.json = json;
        this.clock = clock;
    }

    /** A chat.outbound reply as a queue row. */
    public NewDelivery reply(Events.OutboundMessage message, String payload) {
        return new NewDelivery(message.messageId(), message.botId(), message.chatId(),
                message.kind() == null ? "ANSWER" : message.kind(),
                message.text() == null || message.text().isBlank() ? "…" : message.text(), payload, stamp());
    }

    /** The /start reply of a bot, stored with the update that asked for it. */
    public NewDelivery welcome(String updateMessageId, WebhookBot bot, String chatId) {
        String messageId = updateMessageId + ":welcome";
        String payload = toJson(Map.of("messageId", messageId, "botId", bot.botId().toString(), "ownerId",
                bot.ownerId().toString(), "channel", Events.CHANNEL, "chatId", chatId, "text", bot.welcomeMessage(),
                "kind", "WELCOME"));
        return new NewDelivery(messageId, bot.botId(), chatId, "WELCOME", bot.welcomeMessage(), payload, stamp());
    }

    /**
     * A record that cannot be delivered, for chat.outbound.dlq with the reason in its headers. A NUL
     * (which Postgres refuses in text) is escaped, so even a corrupt record can be parked.
     */
    public DeadLetter deadLetter(String key, String payload, String code, String reason) {
        String k = key == null ? "" : withoutNul(key);
        return new DeadLetter(UUID.randomUUID(), k.length() <= 200 ? k : k.substring(0, 200),
                payload == null ? "" : withoutNul(payload),
                toJson(Map.of("reason", truncate(reason), "dlq-code", code)));
    }

    private static String withoutNul(String s) {
        return s.indexOf('\u0000') < 0 ? s : s.replace("\u0000", "\\u0000");
    }

    /** Queues the replies (messageIds queued before are left alone) and the dead letters at once. */
    public Uni<Integer> enqueue(List<NewDelivery> replies, List<DeadLetter> dead) {
        return deliveries.enqueue(replies, dead, Events.CHAT_OUTBOUND_DLQ, now());
    }

    /**
     * Leases due replies, at most one per chat (the oldest pending): with ids only those of them that
     * are due and first in their chat; without, up to `limit` from a sweep of the whole queue.
     */
    public Uni<List<Delivery>> claim(List<String> messageIds, int limit) {
        Instant now = now();
        return messageIds == null
                ? deliveries.claimDue(now, now.plus(LEASE), limit)
                : deliveries.claim(messageIds, now, now.plus(LEASE));
    }

    /**
     * Writes these outcomes with one statement; answers the replies now first in line in the chats
     * whose reply left the queue (to claim by id next).
     */
    public Uni<List<String>> record(List<DeliveryOutcome> outcomes) {
        return deliveries.record(outcomes, Events.CHAT_OUTBOUND_DLQ, now());
    }

    /**
     * Sends one claimed reply (the parts not sent yet) and says what became of it. Never fails: an
     * unexpected error is a transient failure, retried with backoff like an unreachable Telegram.
     */
    public Uni<DeliveryOutcome> attempt(Delivery d) {
        return Uni.createFrom().deferred(() -> send(d)).onFailure().recoverWithItem(e -> {
            LOG.warnf("delivery attempt failed bot=%s message=%s: %s", d.botId, d.messageId, e.getClass().getSimpleName());
            return failed(d, null, d.partsSent);
        });
    }

    private Uni<DeliveryOutcome> send(Delivery d) {
        if (d.tokenSealed == null) {
            return Uni.createFrom().item(dead(d, "telegram-not-connected", "the bot has no Telegram connection"));
        }
        List<String> parts = MessageSplitter.split(d.text);
        Instant notBefore = limiter.reserve(d.botId, d.chatId, parts.size() - d.partsSent, now());
        if (notBefore != null) {
            return Uni.createFrom().item(pending(d, d.partsSent, notBefore, d.attempts, d.lastError));
        }
        return sendParts(d, token(d.tokenSealed), parts, d.partsSent);
    }

    private String token(String sealed) {
        String token = openedTokens.get(sealed);
        if (token == null) {
            if (openedTokens.size() >= MAX_OPENED_TOKENS) {
                openedTokens.clear();
            }
            token = cipher.open(sealed);
            openedTokens.put(sealed, token);
        }
        return token;
    }

    /** Sends the parts from `next` on, one after another; stops at the first failure. */
    private Uni<DeliveryOutcome> sendParts(Delivery d, String token, List<String> parts, int next) {
        if (next >= parts.size()) {
            return Uni.createFrom().item(new DeliveryOutcome(d.messageId, Delivery.SENT, parts.size(),
                    d.nextAttemptAt, d.attempts, null, null));
        }
        return telegram.sendMessage(token, d.chatId, parts.get(next))
                .onFailure().recoverWithItem(e -> null)
                .chain(reply -> reply != null && reply.ok()
                        ? sendParts(d, token, parts, next + 1)
                        : Uni.createFrom().item(failed(d, reply, next)));
    }

    private DeliveryOutcome failed(Delivery d, TelegramReply reply, int partsSent) {
        Instant now = now();
        if (reply != null && reply.rateLimited()) {
            int wait = reply.retryAfterSeconds() == null ? 1 : Math.max(1, reply.retryAfterSeconds());
            Instant until = now.plusSeconds(wait);
            limiter.pauseBot(d.botId, until);
            LOG.infof("telegram 429 bot=%s message=%s retryAfter=%ds", d.botId, d.messageId, wait);
            return pending(d, partsSent, until, d.attempts, "429 retry after " + wait + "s");
        }
        if (reply == null || reply.serverSide()) {
            String reason = reply == null ? "Telegram unreachable" : reply.errorCode() + " " + reply.description();
            if (d.attempts + 1 >= config.maxAttempts()) {
                return dead(d, "telegram-unavailable", reason);
            }
            long backoff = Math.min(60, 1L << Math.min(d.attempts, 6));
            long jitterMillis = ThreadLocalRandom.current().nextLong(250);
            return pending(d, partsSent, now.plusSeconds(backoff).plusMillis(jitterMillis), d.attempts + 1, reason);
        }
        // 400 chat not found, 403 blocked by the user, 401 token revoked: retrying cannot help.
        return dead(d, "telegram-" + reply.errorCode(), reply.description());
    }

    private static DeliveryOutcome pending(Delivery d, int partsSent, Instant next, int attempts, String error) {
        return new DeliveryOutcome(d.messageId, Delivery.PENDING, partsSent, next, attempts,
                truncate(error == null ? "" : error), null);
    }

    private DeliveryOutcome dead(Delivery d, String code, String reason) {
        LOG.infof("delivery dead-lettered bot=%s message=%s code=%s", d.botId, d.messageId, code);
        return new DeliveryOutcome(d.messageId, Delivery.FAILED, d.partsSent, d.nextAttemptAt, d.attempts,
                truncate(reason == null ? "" : reason), deadLetter(d.botId + ":" + d.chatId, d.payload, code, reason));
    }

    /**
     * Creation times that grow strictly in the order replies arrive, even within one batch: the
     * queue sends a chat's replies oldest first.
     */
    private synchronized Instant stamp() {
        Instant now = now();
        lastStamp = now.isAfter(lastStamp) ? now : lastStamp.plus(1, ChronoUnit.MICROS);
        return lastStamp;
    }

    private String toJson(Object value) {
        try {
            return json.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("not serialisable", e);
        }
    }

    private static String truncate(String s) {
        return s == null ? "" : s.length() <= 480 ? s : s.substring(0, 480);
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MICROS);
    }
}

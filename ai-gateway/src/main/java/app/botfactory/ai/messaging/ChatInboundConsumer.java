// Answers chat.inbound messages (see ConversationService), many chats at once: each record goes into
// its chat's lane (KeyedLanes), so one chat's messages are answered in order while other chats do not
// wait behind a slow Gemini call. A record is acknowledged when its answer is recorded (its batch of
// answers committed, see ReplyRecorder); the throttled commit strategy commits an offset only once
// every earlier record of the partition is acknowledged, so after a crash everything unfinished is
// delivered again (ai.answered keeps one reply each).
// Unreadable or unanswerable records go to chat.inbound.dlq with the reason.
// Two timers show where a message's time goes: botfactory.ai.inbound.wait (from the record's Kafka
// timestamp until its answer starts: broker, consumer and lane queue) and botfactory.ai.answer
// (from start until its reply is committed: memory, retrieval, model, group commit).
package app.botfactory.ai.messaging;

import app.botfactory.ai.config.AiConfig;
import app.botfactory.ai.service.ConversationService;
import io.quarkus.vertx.core.runtime.context.VertxContextSafetyToggle;
import io.smallrye.common.vertx.VertxContext;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.smallrye.reactive.messaging.kafka.api.IncomingKafkaRecordMetadata;
import org.eclipse.microprofile.reactive.messaging.Acknowledgment;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.jboss.logging.Logger;

import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

@ApplicationScoped
public class ChatInboundConsumer {

    private static final Logger LOG = Logger.getLogger(ChatInboundConsumer.class);

    private final ConversationService conversations;
    private final Json json;
    private final KeyedLanes lanes;
    private final Timer waitTimer;
    private final Timer answerTimer;

    public ChatInboundConsumer(ConversationService conversations, Json json, AiConfig config, Vertx vertx,
                               MeterRegistry registry) {
        this.conversations = conversations;
        this.waitTimer = Timer.builder("botfactory.ai.inbound.wait")
                .description("chat.inbound record timestamp until its answer starts").publishPercentiles(0.5, 0.99)
                .register(registry);
        this.answerTimer = Timer.builder("botfactory.ai.answer")
                .description("answer start until the reply is committed").publishPercentiles(0.5, 0.99)
                .register(registry);
        this.json = json;
        this.lanes = new KeyedLanes(config.inboundConcurrency(), task -> onOwnContext(vertx, task));
    }

    /** Completes once the record is admitted to its lane; the lane acknowledges it when answered. */
    @Incoming("chat-inbound")
    @Acknowledgment(Acknowledgment.Strategy.MANUAL)
    public CompletionStage<Void> consume(Message<String> record) {
        Events.InboundMessage m;
        try {
            m = read(record.getPayload());
        } catch (IllegalArgumentException e) {
            return record.nack(e);
        }
        return lanes.submit(m.botId() + ":" + m.chatId(), () -> answer(m, record));
    }

    private CompletionStage<Void> answer(Events.InboundMessage m, Message<String> record) {
        long started = System.currentTimeMillis();
        long startedNanos = System.nanoTime();
        record.getMetadata(IncomingKafkaRecordMetadata.class).ifPresent(kafka -> waitTimer.record(
                Math.max(0, started - kafka.getTimestamp().toEpochMilli()), TimeUnit.MILLISECONDS));
        if (LOG.isDebugEnabled()) {
            LOG.debugf("answering bot=%s chat=%s message=%s in-flight=%d", m.botId(), m.chatId(),
                    m.messageId(), lanes.inFlight());
        }
        return Uni.createFrom().deferred(() -> conversations.reply(m)).subscribeAsCompletionStage()
                .handle((answer, failure) -> {
                    answerTimer.record(System.nanoTime() - startedNanos, TimeUnit.NANOSECONDS);
                    if (failure == null) {
                        return record.ack();
                    }
                    LOG.warnf("unanswerable bot=%s message=%s reason=%s outcome=dlq", m.botId(),
                            m.messageId(), failure.getMessage());
                    return record.nack(failure);
                })
                .thenCompose(Function.identity());
    }

    /** Each answer runs on a fresh duplicated context, marked safe: its own Hibernate Reactive session. */
    private static void onOwnContext(Vertx vertx, Runnable task) {
        Context context = VertxContext.createNewDuplicatedContext(vertx.getOrCreateContext());
        context.runOnContext(ignored -> {
            VertxContextSafetyToggle.setCurrentContextSafe(true);
            task.run();
        });
    }

    private Events.InboundMessage read(String payload) {
        Events.InboundMessage m = json.read(payload, Events.InboundMessage.class);
        if (m.messageId() == null || m.botId() == null || m.chatId() == null || m.text() == null) {
            throw new IllegalArgumentException(
                    "chat.inbound record without messageId, botId, chatId or text");
        }
        return m;
    }

    /** Answers admitted and not finished (for tests and metrics). */
    public int inFlight() {
        return lanes.inFlight();
    }
}

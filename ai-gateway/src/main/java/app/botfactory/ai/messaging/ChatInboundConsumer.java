// Answers chat.inbound messages (see ConversationService), many chats at once: each record goes into
// its chat's lane (KeyedLanes), so one chat's messages are answered in order while other chats do not
// wait behind a slow Gemini call. A record is acknowledged when its answer is recorded; the throttled
// commit strategy commits an offset only once every earlier record of the partition is acknowledged,
// so after a crash everything unfinished is delivered again (ai.answered keeps one reply each).
// Unreadable or unanswerable records go to chat.inbound.dlq with the reason.
package app.botfactory.ai.messaging;

import app.botfactory.ai.config.AiConfig;
import app.botfactory.ai.service.ConversationService;
import io.smallrye.common.vertx.VertxContext;
import io.vertx.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Acknowledgment;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;

import java.util.concurrent.CompletionStage;
import java.util.function.Function;

@ApplicationScoped
public class ChatInboundConsumer {

    private final ConversationService conversations;
    private final Json json;
    private final KeyedLanes lanes;

    public ChatInboundConsumer(ConversationService conversations, Json json, AiConfig config, Vertx vertx) {
        this.conversations = conversations;
        this.json = json;
        // Each answer runs on a fresh duplicated context: its own Hibernate Reactive session and MDC.
        this.lanes = new KeyedLanes(config.inboundConcurrency(),
                task -> VertxContext.createNewDuplicatedContext(vertx.getOrCreateContext()).runOnContext(v -> task.run()));
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
        return conversations.reply(m).subscribeAsCompletionStage()
                .handle((answer, failure) -> failure == null ? record.ack() : record.nack(failure))
                .thenCompose(Function.identity());
    }

    private Events.InboundMessage read(String payload) {
        Events.InboundMessage m = json.read(payload, Events.InboundMessage.class);
        if (m.messageId() == null || m.botId() == null || m.chatId() == null || m.text() == null) {
            throw new IllegalArgumentException("chat.inbound record without messageId, botId, chatId or text");
        }
        return m;
    }

    /** Answers admitted and not finished (for tests and metrics). */
    public int inFlight() {
        return lanes.inFlight();
    }
}

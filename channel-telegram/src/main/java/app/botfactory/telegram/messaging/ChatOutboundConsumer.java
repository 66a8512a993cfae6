// Queues every Telegram reply from chat.outbound for delivery (idempotent by messageId). Records
// of other channels are not ours; unreadable ones go to chat.outbound.dlq with the reason.
package app.botfactory.telegram.messaging;

import app.botfactory.telegram.service.DeliveryService;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Incoming;

@ApplicationScoped
public class ChatOutboundConsumer {

    private final DeliveryService deliveries;
    private final ObjectMapper json;

    public ChatOutboundConsumer(DeliveryService deliveries, ObjectMapper json) {
        this.deliveries = deliveries;
        this.json = json;
    }

    @Incoming("chat-outbound")
    public Uni<Void> consume(String payload) {
        Events.OutboundMessage message = parse(payload);
        if (!Events.CHANNEL.equals(message.channel())) {
            return Uni.createFrom().voidItem();
        }
        return deliveries.enqueue(message, payload).replaceWithVoid();
    }

    private Events.OutboundMessage parse(String payload) {
        try {
            Events.OutboundMessage m = json.readValue(payload, Events.OutboundMessage.class);
            if (m.messageId() == null || m.botId() == null || m.chatId() == null || m.channel() == null) {
                throw new IllegalArgumentException("chat.outbound record without messageId, botId, channel or chatId");
            }
            return m;
        } catch (IllegalArgumentException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalArgumentException("unreadable chat.outbound record: " + e.getClass().getSimpleName());
        }
    }
}

// Meters usage from chat.outbound. Idempotent by messageId; unreadable records go to
// chat.outbound.dlq (failure-strategy in application.properties) with the reason.
package app.botfactory.billing.messaging;

import app.botfactory.billing.service.UsageMeter;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Incoming;

@ApplicationScoped
public class ChatOutboundConsumer {

    private final UsageMeter meter;
    private final ObjectMapper json;

    public ChatOutboundConsumer(UsageMeter meter, ObjectMapper json) {
        this.meter = meter;
        this.json = json;
    }

    @Incoming("chat-outbound")
    public Uni<Void> consume(String payload) {
        Events.OutboundMessage message = parse(payload);
        return meter.count(message.messageId(), message.ownerId(), message.kind()).replaceWithVoid();
    }

    private Events.OutboundMessage parse(String payload) {
        try {
            Events.OutboundMessage m = json.readValue(payload, Events.OutboundMessage.class);
            if (m.messageId() == null || m.ownerId() == null || m.kind() == null) {
                throw new IllegalArgumentException("chat.outbound record without messageId, ownerId or kind");
            }
            return m;
        } catch (IllegalArgumentException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalArgumentException("unreadable chat.outbound record: " + e.getClass().getSimpleName());
        }
    }
}

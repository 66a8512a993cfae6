// Answers each chat.inbound message once (see ConversationService). Unreadable records go to
// chat.inbound.dlq with the reason.
package app.botfactory.ai.messaging;

import app.botfactory.ai.service.ConversationService;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Incoming;

@ApplicationScoped
public class ChatInboundConsumer {

    private final ConversationService conversations;
    private final Json json;

    public ChatInboundConsumer(ConversationService conversations, Json json) {
        this.conversations = conversations;
        this.json = json;
    }

    @Incoming("chat-inbound")
    public Uni<Void> consume(String payload) {
        Events.InboundMessage m = json.read(payload, Events.InboundMessage.class);
        if (m.messageId() == null || m.botId() == null || m.chatId() == null || m.text() == null) {
            throw new IllegalArgumentException("chat.inbound record without messageId, botId, chatId or text");
        }
        return conversations.reply(m).replaceWithVoid();
    }
}

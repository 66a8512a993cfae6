// Wire shapes channel-telegram consumes (bot.events, chat.outbound) and publishes (chat.inbound),
// as the platform contract defines them. Unknown fields are ignored on the way in.
package app.botfactory.telegram.messaging;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

import java.time.Instant;
import java.util.UUID;

public final class Events {

    public static final String CHAT_INBOUND = "chat.inbound";
    public static final String CHAT_OUTBOUND_DLQ = "chat.outbound.dlq";
    public static final String CHANNEL = "telegram";

    private Events() { }

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record BotSettings(String welcomeMessage, String status) { }

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record BotEvent(String type, UUID eventId, UUID botId, UUID ownerId, BotSettings bot) { }

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record OutboundMessage(String messageId, String inReplyTo, UUID botId, UUID ownerId, String channel,
                                  String chatId, String text, String kind) { }

    public record InboundMessage(String messageId, UUID botId, String channel, String chatId, String userId,
                                 String text, Instant receivedAt) { }
}

// Wire shapes channel-telegram consumes (bot.events, chat.outbound) and publishes (chat.inbound, and
// channel.events: a bot's Telegram connection came or went, so bot-service can show it on the bot),
// as the platform contract defines them. Unknown fields are ignored on the way in.
package app.botfactory.telegram.messaging;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

import java.time.Instant;
import java.util.UUID;

public final class Events {

    public static final String CHAT_INBOUND = "chat.inbound";
    public static final String CHANNEL_EVENTS = "channel.events";
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

    /** `type` is ChannelConnected or ChannelDisconnected; username/webhookUrl only when connected. */
    public record ChannelEvent(String type, UUID eventId, UUID botId, String channel, String username,
                               String webhookUrl, Instant occurredAt) { }
}

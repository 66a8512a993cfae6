// Wire shapes ai-gateway consumes (bot.events, knowledge.events, billing.entitlements,
// chat.inbound) and publishes (chat.outbound), as the platform contract defines them.
package app.botfactory.ai.messaging;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

public final class Events {

    public static final String CHAT_OUTBOUND = "chat.outbound";

    private Events() { }

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record BotSettings(String name, String systemPrompt, String language, String fallbackMessage,
                              String status) { }

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record BotEvent(String type, UUID botId, UUID ownerId, BotSettings bot) { }

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record KnowledgeEvent(String type, UUID botId, UUID docId, String title, String content) { }

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record EntitlementEvent(UUID ownerId, String plan, String status, Integer monthlyMessageLimit,
                                   Integer messagesUsed, Instant periodEnd) { }

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record InboundMessage(String messageId, UUID botId, String channel, String chatId, String userId,
                                 String text, Instant receivedAt) { }

    public record Source(UUID docId, String title) { }

    public record OutboundMessage(String messageId, String inReplyTo, UUID botId, UUID ownerId, String channel,
                                  String chatId, String text, String kind, List<Source> sources,
                                  Instant createdAt) { }
}

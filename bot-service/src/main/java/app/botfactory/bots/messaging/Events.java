// Wire shapes of the events bot-service publishes (contract: bot.events, knowledge.events) and the
// entitlement and channel summaries it consumes (billing.entitlements, channel.events). `eventId` lets every consumer drop redeliveries.
package app.botfactory.bots.messaging;

import java.time.Instant;
import java.util.UUID;

public final class Events {

    public static final String BOT_EVENTS = "bot.events";
    public static final String KNOWLEDGE_EVENTS = "knowledge.events";

    private Events() { }

    public record BotSettings(UUID id, String name, String systemPrompt, String language, String welcomeMessage,
                              String fallbackMessage, String status, Instant updatedAt) { }

    /** type = BotUpserted | BotDeleted; `bot` is null for BotDeleted. */
    public record BotEvent(String type, UUID eventId, UUID botId, UUID ownerId, BotSettings bot,
                           Instant occurredAt) { }

    /** type = DocumentAdded | DocumentDeleted; title and content only on DocumentAdded. */
    public record KnowledgeEvent(String type, UUID eventId, UUID botId, UUID ownerId, UUID docId, String title,
                                 String content, Instant occurredAt) { }

    public record EntitlementEvent(UUID ownerId, String plan, String status, Integer botLimit,
                                   Integer monthlyMessageLimit, Integer messagesUsed, Instant periodEnd) { }

    /** From channel.events: type = ChannelConnected | ChannelDisconnected. */
    @com.fasterxml.jackson.annotation.JsonIgnoreProperties(ignoreUnknown = true)
    public record ChannelEvent(String type, UUID eventId, UUID botId, String channel, String username,
                               String webhookUrl, Instant occurredAt) { }
}

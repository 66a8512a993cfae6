// Wire shapes billing-service consumes (chat.outbound, bot.events) and publishes
// (billing.entitlements), as the platform contract defines them. Unknown fields are ignored.
package app.botfactory.billing.messaging;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

import java.time.Instant;
import java.util.UUID;

public final class Events {

    public static final String ENTITLEMENTS = "billing.entitlements";

    private Events() { }

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record OutboundMessage(String messageId, String inReplyTo, UUID botId, UUID ownerId, String channel,
                                  String kind, Instant createdAt) { }

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record BotEvent(String type, UUID eventId, UUID botId, UUID ownerId) { }

    public record Entitlement(UUID eventId, UUID ownerId, String plan, String status, int botLimit,
                              int monthlyMessageLimit, int messagesUsed, Instant periodEnd, Instant occurredAt) { }
}

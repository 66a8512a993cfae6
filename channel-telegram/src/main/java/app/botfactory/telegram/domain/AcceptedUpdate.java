// One Telegram update that passed the webhook's checks and waits for the next group commit: stored
// only if (botId, updateId) was never seen, then either a chat.inbound record or a welcome reply.
package app.botfactory.telegram.domain;

import java.util.UUID;

/** Exactly one of `inboundPayload` (with its outbox event id and key) and `welcome` is set. */
public record AcceptedUpdate(UUID botId, long updateId, UUID eventId, String messageKey, String inboundPayload,
                             NewDelivery welcome) { }

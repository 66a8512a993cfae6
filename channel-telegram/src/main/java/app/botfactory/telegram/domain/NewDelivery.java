// A reply about to join the queue (a chat.outbound record or a /start welcome); many are inserted
// with one statement, and a messageId already queued is left alone.
package app.botfactory.telegram.domain;

import java.time.Instant;
import java.util.UUID;

/** `createdAt` orders a chat's replies, so it must grow in arrival order even inside one batch. */
public record NewDelivery(String messageId, UUID botId, String chatId, String kind, String text, String payload,
                          Instant createdAt) { }

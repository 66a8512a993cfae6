// What one dispatcher attempt leaves behind for a reply; a pass writes all of them at once.
package app.botfactory.telegram.domain;

import java.time.Instant;

/** `deadLetter` is set when the reply is given up and its record goes to chat.outbound.dlq. */
public record DeliveryOutcome(String messageId, String status, int partsSent, Instant nextAttemptAt, int attempts,
                              String lastError, DeadLetter deadLetter) { }

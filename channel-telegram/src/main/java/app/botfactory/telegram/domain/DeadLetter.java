// A record parked on a dead-letter topic through the outbox: the payload as it arrived, its key,
// and Kafka headers (at least `reason`) as a JSON object of strings. The event id is fixed when the
// letter is made, so writing it again after an unconfirmed commit parks it once.
package app.botfactory.telegram.domain;

import java.util.UUID;

public record DeadLetter(UUID eventId, String messageKey, String payload, String headersJson) { }

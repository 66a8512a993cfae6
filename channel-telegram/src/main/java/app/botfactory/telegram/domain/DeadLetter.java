// A record parked on a dead-letter topic through the outbox: the payload as it arrived, its key,
// and Kafka headers (at least `reason`) as a JSON object of strings.
package app.botfactory.telegram.domain;

public record DeadLetter(String messageKey, String payload, String headersJson) { }

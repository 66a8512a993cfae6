// Appends events to the outbox inside the caller's transaction: they leave the service only if
// the change commits, and they survive a Kafka outage because they are rows, not sends.
package app.botfactory.platform.outbox;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;

@ApplicationScoped
public class EventOutbox {

    private final OutboxRepository outbox;
    private final ObjectMapper json;

    public EventOutbox(OutboxRepository outbox, ObjectMapper json) {
        this.outbox = outbox;
        this.json = json;
    }

    public Uni<Void> append(String topic, String key, UUID eventId, Object event, Instant now) {
        return append(topic, key, eventId, event, now, Map.of());
    }

    /** As {@link #append}, with extra Kafka headers (e.g. `reason` on a dead-letter record). */
    public Uni<Void> append(String topic, String key, UUID eventId, Object event, Instant now,
                            Map<String, String> headers) {
        return appendRaw(topic, key, eventId, serialise(event), now, headers);
    }

    /** An already-serialised payload, e.g. a record forwarded unchanged to a dead-letter topic. */
    public Uni<Void> appendRaw(String topic, String key, UUID eventId, String payload, Instant now,
                               Map<String, String> headers) {
        OutboxEvent row = new OutboxEvent();
        row.eventId = eventId;
        row.topic = topic;
        row.messageKey = key;
        row.payload = payload;
        row.createdAt = now;
        row.headers = headers.isEmpty() ? null : serialise(headers);
        return outbox.persist(row).replaceWithVoid();
    }

    private String serialise(Object event) {
        try {
            return json.writeValueAsString(event);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("event not serialisable: " + event.getClass().getSimpleName(), e);
        }
    }
}

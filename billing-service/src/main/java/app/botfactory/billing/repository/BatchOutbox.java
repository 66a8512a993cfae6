// Appends many outbox rows in one statement inside a raw reactive-client transaction: the batch
// paths run outside Hibernate, yet their events must commit with their change (same rows as EventOutbox).
package app.botfactory.billing.repository;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.UUID;

@ApplicationScoped
public class BatchOutbox {

    /** One outbox row; `headers` is the JSON object of extra Kafka headers, or null. */
    public record Row(UUID eventId, String topic, String key, String payload, String headers) { }

    private static final String INSERT = """
            INSERT INTO billing.outbox (event_id, topic, message_key, payload, created_at, attempts, headers)
            SELECT r.event_id, r.topic, r.message_key, r.payload, $6, 0, r.headers
            FROM unnest($1::uuid[], $2::text[], $3::text[], $4::text[], $5::text[])
                 WITH ORDINALITY AS r(event_id, topic, message_key, payload, headers, n)
            ORDER BY r.n""";

    private final ObjectMapper json;

    public BatchOutbox(ObjectMapper json) {
        this.json = json;
    }

    /** An event serialised as EventOutbox would (same ObjectMapper), ready for {@link #append}. */
    public Row event(String topic, String key, UUID eventId, Object event) {
        return new Row(eventId, topic, key, serialise(event), null);
    }

    /** An already-serialised payload with extra headers, e.g. a record forwarded to a dead-letter topic. */
    public Row raw(String topic, String key, String payload, Map<String, String> headers) {
        return new Row(UUID.randomUUID(), topic, key, payload, headers.isEmpty() ? null : serialise(headers));
    }

    /** Inserts the rows in list order (the relay publishes in seq order), in the caller's transaction. */
    public Uni<Void> append(SqlConnection tx, List<Row> rows, Instant now) {
        if (rows.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        Tuple params = Tuple.tuple()
                .addArrayOfUUID(rows.stream().map(Row::eventId).toArray(UUID[]::new))
                .addArrayOfString(rows.stream().map(Row::topic).toArray(String[]::new))
                .addArrayOfString(rows.stream().map(Row::key).toArray(String[]::new))
                .addArrayOfString(rows.stream().map(Row::payload).toArray(String[]::new))
                .addArrayOfString(rows.stream().map(Row::headers).toArray(String[]::new))
                .addOffsetDateTime(OffsetDateTime.ofInstant(now, ZoneOffset.UTC));
        return tx.preparedQuery(INSERT).execute(params).replaceWithVoid();
    }

    private String serialise(Object value) {
        try {
            return json.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("not serialisable: " + value.getClass().getSimpleName(), e);
        }
    }
}

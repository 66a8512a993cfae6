// Publishes committed outbox rows to Kafka in order and deletes each once the broker acked it.
// If Kafka is down the rows simply wait; the next tick retries. One relay at a time across
// replicas (advisory lock), so per-bot event order holds when the service is scaled out.
package app.botfactory.platform.outbox;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.hibernate.reactive.panache.Panache;
import app.botfactory.platform.web.RepeatingTask;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.vertx.core.Vertx;
import jakarta.enterprise.event.Observes;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.jboss.logging.Logger;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

@ApplicationScoped
public class OutboxRelay {

    private static final Logger LOG = Logger.getLogger(OutboxRelay.class);

    private final OutboxRepository outbox;
    private final MutinyEmitter<String> emitter;
    private final int batchSize;
    private final ObjectMapper json;
    private volatile RepeatingTask task;
    private final AtomicLong pendingGauge = new AtomicLong();

    public OutboxRelay(OutboxRepository outbox, @Channel("outbox") MutinyEmitter<String> emitter,
                       @ConfigProperty(name = "botfactory.outbox.batch-size", defaultValue = "200") int batchSize,
                       MeterRegistry registry, ObjectMapper json) {
        this.json = json;
        this.outbox = outbox;
        this.emitter = emitter;
        this.batchSize = batchSize;
        registry.gauge("botfactory.outbox.pending", pendingGauge);
    }

    void start(@Observes StartupEvent event, Vertx vertx,
               @ConfigProperty(name = "botfactory.outbox.interval", defaultValue = "PT0.05S") Duration interval) {
        task = RepeatingTask.start(vertx, "outbox relay", Duration.ofSeconds(2), interval, this::drain);
    }

    void stop(@Observes ShutdownEvent event) {
        if (task != null) {
            task.stop();
        }
    }

    /** One round: publish up to a batch, in order; returns how many rows left the outbox. */
    Uni<Integer> drain() {
        return Panache.withTransaction(() -> outbox.tryRelayLock()
                .chain(locked -> locked ? publishBatch() : Uni.createFrom().item(0)));
    }

    private Uni<Integer> publishBatch() {
        return outbox.oldest(batchSize).chain(rows -> {
            if (rows.isEmpty()) {
                pendingGauge.set(0);
                return Uni.createFrom().item(0);
            }
            // Different bots go out concurrently; the events of one bot strictly one after another, and
            // a failure stops that bot's chain, so a retry can never overtake an earlier event.
            Map<String, List<OutboxEvent>> byKey = new LinkedHashMap<>();
            for (OutboxEvent row : rows) {
                byKey.computeIfAbsent(row.messageKey, k -> new ArrayList<>()).add(row);
            }
            List<Uni<List<Long>>> chains = new ArrayList<>();
            byKey.values().forEach(chain -> chains.add(sendInOrder(chain, 0, new ArrayList<>())));
            return Uni.join().all(chains).andCollectFailures()
                    .chain(acked -> {
                        List<Long> done = acked.stream().flatMap(List::stream).toList();
                        LOG.debugf("outbox batch rows=%d published=%d", rows.size(), done.size());
                        pendingGauge.set(rows.size() - done.size());
                        return done.isEmpty() ? Uni.createFrom().item(0)
                                : outbox.delete("seq in ?1", done).map(Long::intValue);
                    });
        });
    }

    private Uni<List<Long>> sendInOrder(List<OutboxEvent> chain, int index, List<Long> acked) {
        if (index == chain.size()) {
            return Uni.createFrom().item(acked);
        }
        return send(chain.get(index)).chain(seq -> {
            if (seq == null) {
                return Uni.createFrom().item(acked);
            }
            acked.add(seq);
            return sendInOrder(chain, index + 1, acked);
        });
    }

    private Map<String, String> extraHeaders(OutboxEvent row) {
        if (row.headers == null) {
            return Map.of();
        }
        try {
            return json.readValue(row.headers, new TypeReference<Map<String, String>>() { });
        } catch (Exception e) {
            LOG.warnf("outbox row seq=%d has unreadable headers; sending without them", row.seq);
            return Map.of();
        }
    }

    /** The row's seq once the broker acked it, or null when it has to wait for the next tick. */
    private Uni<Long> send(OutboxEvent row) {
        RecordHeaders headers = new RecordHeaders();
        headers.add("eventId", row.eventId.toString().getBytes(StandardCharsets.UTF_8));
        extraHeaders(row).forEach((name, value) -> headers.add(name, value.getBytes(StandardCharsets.UTF_8)));
        OutgoingKafkaRecordMetadata<String> metadata = OutgoingKafkaRecordMetadata.<String>builder()
                .withTopic(row.topic)
                .withKey(row.messageKey)
                .withHeaders(headers)
                .build();
        return emitter.sendMessage(Message.of(row.payload).addMetadata(metadata))
                .map(ignored -> row.seq)
                .onFailure().recoverWithItem(e -> {
                    LOG.warnf("outbox publish deferred seq=%d topic=%s reason=%s", row.seq, row.topic, e.getMessage());
                    return null;
                });
    }
}

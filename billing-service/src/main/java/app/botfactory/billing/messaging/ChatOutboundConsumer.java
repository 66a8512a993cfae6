// Meters usage from chat.outbound a Kafka batch at a time: one transaction per batch (UsageMeter).
// Unreadable or invalid records are parked on chat.outbound.dlq with the reason, through the outbox
// in that same transaction, so they never hold up the valid ones. Offsets are committed only after
// the transaction commits; a failed one is retried (with backoff) until it does, and being
// idempotent by messageId, the retry or a redelivery after a restart counts each message once.
package app.botfactory.billing.messaging;

import app.botfactory.billing.repository.BatchOutbox;
import app.botfactory.billing.service.UsageMeter;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.kafka.KafkaRecord;
import io.smallrye.reactive.messaging.kafka.KafkaRecordBatch;
import io.smallrye.reactive.messaging.kafka.api.IncomingKafkaRecordMetadata;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

@ApplicationScoped
public class ChatOutboundConsumer {

    static final String DEAD_LETTER_TOPIC = "chat.outbound.dlq";

    private static final Logger LOG = Logger.getLogger(ChatOutboundConsumer.class);
    private static final Duration FIRST_RETRY = Duration.ofMillis(200);
    private static final Duration MAX_RETRY = Duration.ofSeconds(10);
    /** metered_messages.message_id is varchar(100); a longer id could never be stored. */
    private static final int MAX_MESSAGE_ID = 100;
    /** outbox.message_key is varchar(200). */
    private static final int MAX_KEY = 200;

    private final UsageMeter meter;
    private final BatchOutbox outbox;
    private final ObjectMapper json;

    public ChatOutboundConsumer(UsageMeter meter, BatchOutbox outbox, ObjectMapper json) {
        this.meter = meter;
        this.outbox = outbox;
        this.json = json;
    }

    @Incoming("chat-outbound")
    public Uni<Void> consume(KafkaRecordBatch<String, String> batch) {
        List<UsageMeter.Reply> replies = new ArrayList<>();
        List<BatchOutbox.Row> deadLetters = new ArrayList<>();
        for (KafkaRecord<String, String> record : batch.getRecords()) {
            try {
                replies.add(parse(record.getPayload()));
            } catch (IllegalArgumentException e) {
                deadLetters.add(deadLetter(record, e.getMessage()));
            }
        }
        int records = batch.getRecords().size();
        return meter.meter(replies, deadLetters)
                .onFailure().invoke(e -> LOG.warnf("usage batch failed records=%d reason=%s outcome=retry",
                        records, e.getMessage()))
                .onFailure().retry().withBackOff(FIRST_RETRY, MAX_RETRY).indefinitely()
                .invoke(outcome -> logBatch(records, outcome, deadLetters.size()))
                .chain(() -> Uni.createFrom().completionStage(batch::ack));
    }

    private UsageMeter.Reply parse(String payload) {
        Events.OutboundMessage m;
        try {
            m = json.readValue(payload, Events.OutboundMessage.class);
        } catch (Exception e) {
            throw new IllegalArgumentException("unreadable chat.outbound record: "
                    + e.getClass().getSimpleName());
        }
        if (m == null || m.messageId() == null || m.ownerId() == null || m.kind() == null) {
            throw new IllegalArgumentException("chat.outbound record without messageId, ownerId or kind");
        }
        String id = m.messageId();
        if (id.isBlank() || id.length() > MAX_MESSAGE_ID || id.indexOf('\0') >= 0) {
            throw new IllegalArgumentException("chat.outbound record with an unusable messageId");
        }
        return new UsageMeter.Reply(m.messageId(), m.ownerId(), m.kind());
    }

    /** The record unchanged (bar NUL characters: Postgres cannot store them), with where it came from. */
    private BatchOutbox.Row deadLetter(KafkaRecord<String, String> record, String reason) {
        long offset = record.getMetadata(IncomingKafkaRecordMetadata.class)
                .map(IncomingKafkaRecordMetadata::getOffset).orElse(-1L);
        LOG.warnf("chat.outbound record dead-lettered partition=%d offset=%d reason=%s",
                record.getPartition(), offset, reason);
        String key = storable(record.getKey());
        return outbox.raw(DEAD_LETTER_TOPIC, key.length() > MAX_KEY ? key.substring(0, MAX_KEY) : key,
                storable(record.getPayload()), Map.of(
                        "reason", reason,
                        "dead-letter-reason", reason,
                        "dead-letter-topic", record.getTopic(),
                        "dead-letter-partition", Integer.toString(record.getPartition()),
                        "dead-letter-offset", Long.toString(offset)));
    }

    private static void logBatch(int records, UsageMeter.Outcome outcome, int deadLetters) {
        LOG.debugf("usage batch records=%d counted=%d unsubscribed=%d notMetered=%d entitlements=%d dlq=%d",
                records, outcome.counted(), outcome.unsubscribed(), outcome.notMetered(),
                outcome.entitlements(), deadLetters);
    }

    private static String storable(String text) {
        return text == null ? "" : text.replace('\0', '\uFFFD');
    }
}

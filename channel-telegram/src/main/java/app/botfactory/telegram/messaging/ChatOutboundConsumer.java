// Queues every Telegram reply from chat.outbound for delivery, a whole poll of records with one
// statement (idempotent by messageId), then wakes the dispatcher. Records of other channels are not
// ours; unreadable ones go to chat.outbound.dlq (through the outbox, in the same statement) with
// the reason in the `reason` header. A database outage is waited out (the records stay in Kafka):
// the batch is retried with backoff, never dead-lettered for it. If the database refuses the data
// itself, the records are stored one by one and only those refused are dead-lettered.
package app.botfactory.telegram.messaging;

import app.botfactory.telegram.domain.DeadLetter;
import app.botfactory.telegram.domain.NewDelivery;
import app.botfactory.telegram.service.DeliveryService;
import app.botfactory.telegram.service.DispatchJob;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.smallrye.mutiny.Uni;
import io.vertx.pgclient.PgException;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

@ApplicationScoped
public class ChatOutboundConsumer {

    private static final Logger LOG = Logger.getLogger(ChatOutboundConsumer.class);

    /** A reply to queue and the record it came from (its key, for a dead letter). */
    private record Reply(NewDelivery delivery, String key) { }

    private final DeliveryService deliveries;
    private final DispatchJob dispatcher;
    private final ObjectMapper json;

    public ChatOutboundConsumer(DeliveryService deliveries, DispatchJob dispatcher, ObjectMapper json) {
        this.deliveries = deliveries;
        this.dispatcher = dispatcher;
        this.json = json;
    }

    @Incoming("chat-outbound")
    public Uni<Void> consume(ConsumerRecords<String, String> records) {
        List<Reply> replies = new ArrayList<>();
        List<DeadLetter> dead = new ArrayList<>();
        for (ConsumerRecord<String, String> record : records) {
            try {
                Events.OutboundMessage message = parse(record.value());
                if (Events.CHANNEL.equals(message.channel())) {
                    replies.add(new Reply(deliveries.reply(message, record.value()), record.key()));
                }
            } catch (IllegalArgumentException e) {
                dead.add(deliveries.deadLetter(record.key(), record.value(), "unreadable-record", e.getMessage()));
            }
        }
        if (replies.isEmpty() && dead.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        return store(replies, dead)
                .onFailure().invoke(e -> LOG.warnf("chat.outbound batch not stored yet records=%d reason=%s",
                        records.count(), e.getMessage()))
                .onFailure().retry().withBackOff(Duration.ofMillis(200), Duration.ofSeconds(5)).indefinitely()
                .invoke(() -> dispatcher.announce(replies.stream().map(r -> r.delivery().messageId()).toList()))
                .replaceWithVoid();
    }

    private Uni<Void> store(List<Reply> replies, List<DeadLetter> dead) {
        return deliveries.enqueue(replies.stream().map(Reply::delivery).toList(), dead).replaceWithVoid()
                .onFailure(ChatOutboundConsumer::refusedData).recoverWithUni(e -> storeOneByOne(replies, dead));
    }

    /** Finds the records the database refuses: each is stored alone, or else dead-lettered. */
    private Uni<Void> storeOneByOne(List<Reply> replies, List<DeadLetter> dead) {
        Uni<Void> deadLetters = dead.isEmpty() ? Uni.createFrom().voidItem()
                : deliveries.enqueue(List.of(), dead).replaceWithVoid();
        Uni<Void> all = deadLetters;
        for (Reply reply : replies) {
            all = all.chain(() -> storeAlone(reply));
        }
        return all;
    }

    private Uni<Void> storeAlone(Reply reply) {
        NewDelivery d = reply.delivery();
        return deliveries.enqueue(List.of(d), List.of()).replaceWithVoid()
                .onFailure(ChatOutboundConsumer::refusedData).recoverWithUni(e -> deliveries.enqueue(List.of(),
                        List.of(deliveries.deadLetter(reply.key(), d.payload(), "refused-by-database",
                                ((PgException) e).getErrorMessage()))).replaceWithVoid());
    }

    /** SQLSTATE class 22 (data exception) or 23 (integrity): retrying the same rows cannot help. */
    private static boolean refusedData(Throwable e) {
        return e instanceof PgException pg && pg.getSqlState() != null
                && (pg.getSqlState().startsWith("22") || pg.getSqlState().startsWith("23"));
    }

    private Events.OutboundMessage parse(String payload) {
        try {
            Events.OutboundMessage m = json.readValue(payload, Events.OutboundMessage.class);
            if (m.messageId() == null || m.botId() == null || m.chatId() == null || m.channel() == null) {
                throw new IllegalArgumentException("chat.outbound record without messageId, botId, channel or chatId");
            }
            return m;
        } catch (IllegalArgumentException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalArgumentException("unreadable chat.outbound record: " + e.getClass().getSimpleName());
        }
    }
}

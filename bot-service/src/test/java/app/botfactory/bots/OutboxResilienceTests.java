// The broker dies: bot changes still commit, their events wait in the outbox, and once the
// broker is back every one of them is published, in order.
package app.botfactory.bots;

import app.botfactory.testsupport.BrokerProcessTestResource;
import app.botfactory.testsupport.TestKafkaClient;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.inject.Inject;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

@QuarkusTest
@WithTestResource(BrokerProcessTestResource.class)
class OutboxResilienceTests {

    @Inject
    Pool pool;

    @Test
    void eventsCommittedWhileKafkaIsDownArePublishedWhenItReturns() {
        Owners owner = new Owners().grant(pool, "PRO", "ACTIVE", 10);
        BrokerProcessTestResource.broker().stop();
        try {
            String a = owner.createBot("During outage A");
            String b = owner.createBot("During outage B");
            owner.api().body(Map.of("name", "During outage A, renamed")).put("/api/bots/" + a)
                    .then().statusCode(200);
            long pending = pendingOutboxRows();
            assertTrue(pending >= 3, "events wait in the outbox while the broker is down, pending=" + pending);

            BrokerProcessTestResource.broker().start();
            TestKafkaClient.await(Owners.kafka(), "bot.events", r -> a.equals(r.key()) || b.equals(r.key()), 3,
                    Duration.ofSeconds(60));
            // At least once: a send that timed out during the outage may also have landed; dedupe by eventId.
            Map<String, String> ofA = distinctByEventId(TestKafkaClient.collect(Owners.kafka(), "bot.events",
                    r -> a.equals(r.key()), Duration.ofSeconds(3)));
            Map<String, String> ofB = distinctByEventId(TestKafkaClient.collect(Owners.kafka(), "bot.events",
                    r -> b.equals(r.key()), Duration.ofSeconds(3)));
            assertEquals(2, ofA.size());
            assertEquals(1, ofB.size());
            List<String> namesOfA = ofA.values().stream().map(v -> v.contains("renamed") ? "renamed" : "created")
                    .toList();
            assertEquals(List.of("created", "renamed"), namesOfA, "per-bot order survives the outage");
        } finally {
            BrokerProcessTestResource.broker().start();
        }
    }

    private static Map<String, String> distinctByEventId(List<ConsumerRecord<String, String>> records) {
        Map<String, String> byEvent = new LinkedHashMap<>();
        for (ConsumerRecord<String, String> r : records) {
            byEvent.putIfAbsent(new String(r.headers().lastHeader("eventId").value(), StandardCharsets.UTF_8),
                    r.value());
        }
        return byEvent;
    }

    private long pendingOutboxRows() {
        return pool.query("SELECT count(*) FROM bots.outbox").execute()
                .map(rows -> rows.iterator().next().getLong(0)).await().atMost(Duration.ofSeconds(5));
    }
}

// Every change reaches the real broker through the outbox, after commit, with ids consumers
// can deduplicate on; a refused change publishes nothing.
package app.botfactory.bots;

import app.botfactory.testsupport.PlatformTestResource;
import app.botfactory.testsupport.TestKafkaClient;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.inject.Inject;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

@QuarkusTest
@WithTestResource(PlatformTestResource.class)
class EventPublishingTests {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Inject
    Pool pool;

    @Test
    void botLifecyclePublishesUpsertedThenDeletedKeyedByBot() throws Exception {
        Owners owner = new Owners().grant(pool, "STARTER", "ACTIVE", 3);
        String bot = owner.createBot(Map.of("name", "Evented", "language", "ru"))
                .then().statusCode(201).extract().path("id");
        owner.api().body(Map.of("name", "Evented 2")).put("/api/bots/" + bot).then().statusCode(200);
        owner.api().delete("/api/bots/" + bot).then().statusCode(204);

        List<ConsumerRecord<String, String>> records = TestKafkaClient.await(Owners.kafka(), "bot.events",
                r -> bot.equals(r.key()), 3, Duration.ofSeconds(20));
        assertEquals(3, records.size());
        JsonNode created = JSON.readTree(records.get(0).value());
        assertEquals("BotUpserted", created.get("type").asText());
        assertEquals(owner.id.toString(), created.get("ownerId").asText());
        assertEquals("Evented", created.get("bot").get("name").asText());
        assertEquals("ru", created.get("bot").get("language").asText());
        assertNotNull(created.get("eventId").asText());
        assertNotNull(created.get("occurredAt").asText());
        assertEquals("Evented 2", JSON.readTree(records.get(1).value()).get("bot").get("name").asText());
        assertEquals("BotDeleted", JSON.readTree(records.get(2).value()).get("type").asText());
        assertTrue(records.stream().map(r -> r.headers().lastHeader("eventId")).allMatch(h -> h != null));
    }

    @Test
    void knowledgeChangesPublishDocumentEventsWithContent() throws Exception {
        Owners owner = new Owners().grant(pool, "STARTER", "ACTIVE", 3);
        String bot = owner.createBot("Knows things");
        String doc = owner.api().body(Map.of("title", "Yetkazib berish", "content", "Toshkent bo‘ylab bepul."))
                .post("/api/bots/" + bot + "/knowledge").then().statusCode(201).extract().path("id");
        owner.api().delete("/api/bots/" + bot + "/knowledge/" + doc).then().statusCode(204);

        List<ConsumerRecord<String, String>> records = TestKafkaClient.await(Owners.kafka(), "knowledge.events",
                r -> bot.equals(r.key()), 2, Duration.ofSeconds(20));
        assertEquals(2, records.size());
        JsonNode added = JSON.readTree(records.get(0).value());
        assertEquals("DocumentAdded", added.get("type").asText());
        assertEquals(doc, added.get("docId").asText());
        assertEquals("Yetkazib berish", added.get("title").asText());
        assertEquals("Toshkent bo‘ylab bepul.", added.get("content").asText());
        assertEquals("DocumentDeleted", JSON.readTree(records.get(1).value()).get("type").asText());
    }

    @Test
    void aMegabyteDocumentTravelsWhole() throws Exception {
        Owners owner = new Owners().grant(pool, "STARTER", "ACTIVE", 3);
        String bot = owner.createBot("Big");
        String content = "Narxlar ro‘yxati. ".repeat(50_000);
        owner.api().body(Map.of("title", "Katta", "content", content))
                .post("/api/bots/" + bot + "/knowledge").then().statusCode(201);
        List<ConsumerRecord<String, String>> records = TestKafkaClient.await(Owners.kafka(), "knowledge.events",
                r -> bot.equals(r.key()), 1, Duration.ofSeconds(20));
        assertEquals(content, JSON.readTree(records.get(0).value()).get("content").asText());
    }

    @Test
    void refusedCreatePublishesNothing() {
        Owners owner = new Owners();
        owner.createBot(Map.of("name", "Refused")).then().statusCode(403);
        List<ConsumerRecord<String, String>> records = TestKafkaClient.collect(Owners.kafka(), "bot.events",
                r -> r.value().contains(owner.id.toString()), Duration.ofSeconds(3));
        assertTrue(records.isEmpty(), "no event for a change that never committed");
    }
}

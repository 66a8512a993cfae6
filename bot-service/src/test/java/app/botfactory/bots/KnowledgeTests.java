// Knowledge documents over REST against the real Postgres: add, list, delete, limits, scripts.
package app.botfactory.bots;

import app.botfactory.testsupport.PlatformTestResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.UUID;

import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;

@QuarkusTest
@WithTestResource(PlatformTestResource.class)
class KnowledgeTests {

    @Inject
    Pool pool;

    @Test
    void addsListsAndDeletesDocuments() {
        Owners owner = new Owners().grant(pool, "STARTER", "ACTIVE", 3);
        String bot = owner.createBot("Shop");
        String hours = owner.api().body(Map.of("title", "Hours", "content", "Mon-Sat 9:00-20:00"))
                .post("/api/bots/" + bot + "/knowledge")
                .then().statusCode(201)
                .body("title", equalTo("Hours"))
                .body("chars", equalTo(18))
                .body("createdAt", notNullValue())
                .extract().path("id");
        String prices = owner.api().body(Map.of("title", "Narxlar", "content", "Choy — 5 000 so‘m"))
                .post("/api/bots/" + bot + "/knowledge").then().statusCode(201).extract().path("id");

        owner.api().get("/api/bots/" + bot + "/knowledge")
                .then().statusCode(200)
                .body("id", contains(prices, hours))
                .body("[0].content", org.hamcrest.Matchers.nullValue());

        owner.api().delete("/api/bots/" + bot + "/knowledge/" + hours).then().statusCode(204);
        owner.api().get("/api/bots/" + bot + "/knowledge").then().body("id", not(hasItem(hours)));
        owner.api().delete("/api/bots/" + bot + "/knowledge/" + hours).then().statusCode(404)
                .body("type", equalTo("document-not-found"));
    }

    @Test
    void countsCharactersNotBytesForCyrillicAndUzbekLatin() {
        Owners owner = new Owners().grant(pool, "STARTER", "ACTIVE", 3);
        String bot = owner.createBot("Maktab");
        owner.api().body(Map.of("title", "Ўқиш", "content", "Дарслар соат 9 да бошланади. Oʻqish"))
                .post("/api/bots/" + bot + "/knowledge")
                .then().statusCode(201).body("chars", equalTo(35)).body("title", equalTo("Ўқиш"));
    }

    @Test
    void acceptsOneMegabyteAndRejectsMoreWith413() {
        Owners owner = new Owners().grant(pool, "STARTER", "ACTIVE", 3);
        String bot = owner.createBot("Big docs");
        owner.api().body(Map.of("title", "Exactly 1 MB", "content", "a".repeat(1024 * 1024)))
                .post("/api/bots/" + bot + "/knowledge").then().statusCode(201).body("chars", equalTo(1024 * 1024));
        owner.api().body(Map.of("title", "Too big", "content", "я".repeat(600 * 1024)))
                .post("/api/bots/" + bot + "/knowledge")
                .then().statusCode(413).contentType("application/problem+json")
                .body("type", equalTo("knowledge-too-large"));
        owner.api().body(Map.of("title", "Way too big", "content", "b".repeat(4 * 1024 * 1024)))
                .post("/api/bots/" + bot + "/knowledge")
                .then().statusCode(413).contentType("application/problem+json");
    }

    @Test
    void validatesDocuments() {
        Owners owner = new Owners().grant(pool, "STARTER", "ACTIVE", 3);
        String bot = owner.createBot("Validation");
        owner.api().body(Map.of("title", "", "content", "x")).post("/api/bots/" + bot + "/knowledge")
                .then().statusCode(400).body("errors.field", hasItem("title"));
        owner.api().body(Map.of("title", "t")).post("/api/bots/" + bot + "/knowledge")
                .then().statusCode(400).body("errors.field", hasItem("content"));
        owner.api().body(Map.of("title", "t", "content", "nul\u0000byte")).post("/api/bots/" + bot + "/knowledge")
                .then().statusCode(400).body("errors.field", hasItem("content"));
        owner.api().delete("/api/bots/" + bot + "/knowledge/" + UUID.randomUUID()).then().statusCode(404);
    }
}

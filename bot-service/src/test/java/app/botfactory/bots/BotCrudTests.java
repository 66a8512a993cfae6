// Bot CRUD over REST against the real Postgres: defaults, validation, ordering, tenancy.
package app.botfactory.bots;

import app.botfactory.testsupport.PlatformTestResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

@QuarkusTest
@WithTestResource(PlatformTestResource.class)
class BotCrudTests {

    @Inject
    Pool pool;

    @Test
    void createsBotWithSaneDefaults() {
        Owners owner = new Owners().grant(pool, "STARTER", "ACTIVE", 3);
        owner.createBot(Map.of("name", "Shop helper"))
                .then().statusCode(201)
                .header("Location", containsString("/api/bots/"))
                .body("id", notNullValue())
                .body("name", equalTo("Shop helper"))
                .body("language", equalTo("en"))
                .body("status", equalTo("ACTIVE"))
                .body("welcomeMessage", equalTo("Hello! How can I help you today?"))
                .body("fallbackMessage", notNullValue())
                .body("systemPrompt", nullValue())
                .body("createdAt", notNullValue())
                .body("updatedAt", notNullValue())
                .body("channels", hasKey("telegram"))
                .body("channels.telegram", nullValue());
    }

    @Test
    void keepsUzbekCyrillicAndCanonicalisesTheLanguageTag() {
        Owners owner = new Owners().grant(pool, "STARTER", "ACTIVE", 3);
        owner.createBot(Map.of("name", "Ўқув маркази", "language", "uz-cyrl",
                        "systemPrompt", "Сиз ўқув марказининг ёрдамчисисиз. O'zbekcha ham javob bering."))
                .then().statusCode(201)
                .body("name", equalTo("Ўқув маркази"))
                .body("language", equalTo("uz-Cyrl"))
                .body("systemPrompt", containsString("O'zbekcha"))
                .body("welcomeMessage", containsString("Ассалому алайкум"));
    }

    @Test
    void listsOnlyOwnBotsNewestFirst() {
        Owners owner = new Owners().grant(pool, "PRO", "ACTIVE", 5);
        Owners other = new Owners().grant(pool, "PRO", "ACTIVE", 5);
        String first = owner.createBot("First");
        String second = owner.createBot("Second");
        other.createBot("Not mine");
        owner.api().get("/api/bots")
                .then().statusCode(200)
                .body("id", contains(second, first));
    }

    @Test
    void replacesAllSettingsWithPutAndCanPause() {
        Owners owner = new Owners().grant(pool, "STARTER", "ACTIVE", 3);
        String id = owner.createBot(Map.of("name", "Clinic", "systemPrompt", "old", "welcomeMessage", "Hi"))
                .then().statusCode(201).extract().path("id");
        owner.api().body(Map.of("name", "Clinic bot", "language", "ru", "status", "PAUSED"))
                .put("/api/bots/" + id)
                .then().statusCode(200)
                .body("name", equalTo("Clinic bot"))
                .body("language", equalTo("ru"))
                .body("status", equalTo("PAUSED"))
                .body("systemPrompt", nullValue())
                .body("welcomeMessage", equalTo("Здравствуйте! Чем могу помочь?"));
        owner.api().get("/api/bots/" + id).then().statusCode(200).body("status", equalTo("PAUSED"));
    }

    @Test
    void deletesBot() {
        Owners owner = new Owners().grant(pool, "STARTER", "ACTIVE", 3);
        String id = owner.createBot("Short-lived");
        owner.api().delete("/api/bots/" + id).then().statusCode(204);
        owner.api().get("/api/bots/" + id).then().statusCode(404).body("type", equalTo("bot-not-found"));
    }

    @Test
    void rejectsOtherTenantsBotWith404OnEveryPath() {
        Owners owner = new Owners().grant(pool, "STARTER", "ACTIVE", 3);
        Owners intruder = new Owners().grant(pool, "STARTER", "ACTIVE", 3);
        String id = owner.createBot("Private");
        String doc = owner.api().body(Map.of("title", "Prices", "content", "Tea 5000 so'm"))
                .post("/api/bots/" + id + "/knowledge").then().statusCode(201).extract().path("id");

        intruder.api().get("/api/bots/" + id).then().statusCode(404).contentType("application/problem+json");
        intruder.api().body(Map.of("name", "Mine now")).put("/api/bots/" + id).then().statusCode(404);
        intruder.api().delete("/api/bots/" + id).then().statusCode(404);
        intruder.api().get("/api/bots/" + id + "/knowledge").then().statusCode(404);
        intruder.api().body(Map.of("title", "x", "content", "y")).post("/api/bots/" + id + "/knowledge")
                .then().statusCode(404);
        intruder.api().delete("/api/bots/" + id + "/knowledge/" + doc).then().statusCode(404);
        owner.api().get("/api/bots/" + id).then().statusCode(200).body("name", equalTo("Private"));
        owner.api().get("/api/bots/" + id + "/knowledge").then().statusCode(200).body("id", hasItem(doc));
    }

    @Test
    void answersUnknownAndMalformedIdsWith404() {
        Owners owner = new Owners();
        owner.api().get("/api/bots/" + UUID.randomUUID()).then().statusCode(404)
                .contentType("application/problem+json");
        owner.api().get("/api/bots/not-a-uuid").then().statusCode(404).contentType("application/problem+json");
    }

    @Test
    void validatesSettingsWithFieldErrors() {
        Owners owner = new Owners().grant(pool, "STARTER", "ACTIVE", 3);
        owner.createBot(Map.of("name", " ")).then().statusCode(400).body("errors.field", hasItem("name"));
        owner.createBot(Map.of("name", "x".repeat(81))).then().statusCode(400).body("errors.field", hasItem("name"));
        owner.createBot(Map.of("name", "ok", "language", "english please"))
                .then().statusCode(400).body("errors.field", hasItem("language"));
        owner.createBot(Map.of("name", "ok", "welcomeMessage", "w".repeat(1001)))
                .then().statusCode(400).body("errors.field", hasItem("welcomeMessage"));
        owner.createBot(Map.of("name", "bad\u0000name")).then().statusCode(400).body("errors.field", hasItem("name"));
        owner.createBot(Map.of("name", "ok", "status", "SLEEPING"))
                .then().statusCode(400).contentType("application/problem+json").body("type", equalTo("malformed-json"));
        owner.api().body("{\"name\": ").post("/api/bots").then().statusCode(400).body("type", equalTo("malformed-json"));
        owner.api().body(List.of(1, 2)).post("/api/bots").then().statusCode(400);
        owner.api().contentType("text/plain").body("name=x").post("/api/bots").then().statusCode(415);
    }

    @Test
    void requiresAValidToken() {
        given().get("/api/bots").then().statusCode(401).contentType("application/problem+json");
        given().auth().oauth2("forged.token.value").get("/api/bots").then().statusCode(401);
        given().auth().oauth2(app.botfactory.testsupport.TestTokens.unsigned(UUID.randomUUID(), "x@example.com"))
                .get("/api/bots").then().statusCode(401);
    }
}

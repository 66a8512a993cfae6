// A new business goes live through the gateway only: sign-up, trial, bot, knowledge, Telegram, a customer's
// question answered on Telegram from that knowledge, usage metered — and another tenant sees none of it.
package app.botfactory.e2e;

import io.restassured.path.json.JsonPath;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class BusinessJourneyTests {

    private static final String DELIVERY_DOC = "Delivery inside Tashkent costs 15 000 so'm and takes one day. "
            + "Orders above 300 000 so'm are delivered free of charge.";

    @BeforeAll
    static void platform() {
        Platform.ensureStarted();
    }

    @Test
    void newBusinessAnswersItsCustomersOnTelegramFromItsKnowledge() {
        Business shop = Business.signUp("Dilnoza");
        Business.given().get("/api/plans").then().statusCode(200).body("code", hasItem("TRIAL"));
        shop.startTrial();
        // No pauses anywhere: right after the trial the bot is allowed, right after the bot Telegram can be
        // connected (the services read through when their event-fed copies are a moment behind).
        shop.createBot("Choyxona", "uz");
        shop.authed().body(Map.of("text", "Salom")).post("/api/bots/" + shop.botId + "/ask").then()
                .statusCode(200).body("kind", equalTo("FALLBACK"));   // no knowledge yet: the fallback, not a 404
        JsonPath connected = shop.connectTelegram("choyxona_e2e_bot");
        assertEquals("CONNECTED", connected.getString("status"));
        assertEquals("choyxona_e2e_bot", connected.getString("username"));
        assertEquals(Platform.PUBLIC_BASE_URL + "/telegram/webhook/" + shop.botId, connected.getString("webhookUrl"));
        Business.await(Duration.ofSeconds(30), () -> "choyxona_e2e_bot".equals(shop.authed()
                .get("/api/bots/" + shop.botId).then().statusCode(200).extract().path("channels.telegram.username"))
                ? true : null);

        shop.addKnowledge("Yetkazib berish", DELIVERY_DOC);
        shop.addKnowledge("Ish vaqti", "Biz har kuni soat 9:00 dan 21:00 gacha ishlaymiz. Manzil: Chilonzor 5.");

        shop.deliver(5001, 900_001, "How much is delivery?").then().statusCode(200);

        Map<String, String> reply = Business.await(Duration.ofSeconds(60),
                () -> shop.sentMessages().stream().findFirst().orElse(null));
        assertEquals("900001", reply.get("chat_id"));
        assertTrue(reply.get("text").contains("15 000"), "answered from the delivery document: " + reply);

        Business.await(Duration.ofSeconds(30), () -> shop.authed().get("/api/subscriptions/me")
                .then().statusCode(200).extract().<Integer>path("usage.messages") >= 1 ? true : null);
        shop.authed().get("/api/subscriptions/me").then()
                .body("plan", equalTo("TRIAL"))
                .body("usage.bots", equalTo(1))
                .body("usage.messageLimit", equalTo(300));
    }

    @Test
    void anotherTenantSeesNotFoundForEverythingOfTheFirst() {
        Business owner = Business.signUp("Owner");
        owner.startTrial();
        owner.createBot("Klinika", "ru");
        String docId = owner.addKnowledge("Приём", "Приём врача стоит 120 000 сум.");
        Business stranger = Business.signUp("Stranger");
        String bot = "/api/bots/" + owner.botId;

        stranger.authed().get("/api/bots").then().statusCode(200).body("$", empty());
        for (var call : List.of(
                stranger.authed().get(bot),
                stranger.authed().body(Map.of("name", "Mine now")).put(bot),
                stranger.authed().get(bot + "/knowledge"),
                stranger.authed().delete(bot + "/knowledge/" + docId),
                stranger.authed().body(Map.of("token", "123456:AAxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx"))
                        .put(bot + "/channels/telegram"),
                stranger.authed().body(Map.of("text", "Сколько стоит приём?")).post(bot + "/ask"),
                stranger.authed().delete(bot))) {
            call.then().statusCode(404).contentType(containsString("application/problem+json"));
        }
        owner.authed().get(bot).then().statusCode(200).body("name", equalTo("Klinika"));
        owner.authed().get(bot + "/knowledge").then().statusCode(200).body("id", hasItem(docId));
    }
}

// Connecting a bot's Telegram token against the stand-in Telegram: getMe, setWebhook with our URL
// and a per-bot secret, the token sealed at rest, and every way it can go wrong.
package app.botfactory.telegram;

import app.botfactory.testsupport.TelegramStandIn;
import app.botfactory.testsupport.TelegramStandIn.Reply;
import app.botfactory.testsupport.TestKafkaClient;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.containsString;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

@QuarkusTest
@WithTestResource(TelegramTestResource.class)
class ConnectTests {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Inject
    Pool pool;

    private final TelegramStandIn telegram = TelegramTestResource.telegram();

    @Test
    void connectsAGoodTokenAndSetsTheWebhookWithASecret() throws Exception {
        TelegramFixtures bot = new TelegramFixtures().announce(pool, "Salom!");
        String token = telegram.addBot(5550001L, "choyxona_bot");
        String body = bot.api().body(Map.of("token", token)).put("/api/bots/" + bot.botId + "/channels/telegram")
                .then().statusCode(200)
                .body("status", equalTo("CONNECTED"))
                .body("username", equalTo("choyxona_bot"))
                .body("webhookUrl", equalTo(TelegramTestResource.PUBLIC_BASE_URL + "/telegram/webhook/" + bot.botId))
                .extract().asString();
        assertFalse(body.contains(token), "the token is never returned");

        assertEquals(1, telegram.calls("getMe", c -> c.token().equals(token)).size());
        List<TelegramStandIn.Call> set = telegram.calls("setWebhook", c -> c.token().equals(token));
        assertEquals(1, set.size());
        JsonNode params = JSON.readTree(set.get(0).body());
        assertEquals(TelegramTestResource.PUBLIC_BASE_URL + "/telegram/webhook/" + bot.botId, params.get("url").asText());
        assertTrue(params.get("secret_token").asText().matches("[A-Za-z0-9_-]{32,256}"));
        assertEquals("message", params.get("allowed_updates").get(0).asText());
        assertEquals(40, params.get("max_connections").asInt());

        String sealed = pool.preparedQuery("SELECT token_sealed FROM telegram.connections WHERE bot_id = $1")
                .execute(Tuple.of(bot.botId)).map(rows -> rows.iterator().next().getString(0))
                .await().atMost(Duration.ofSeconds(5));
        assertFalse(sealed.contains(token.substring(token.indexOf(':') + 1)), "stored encrypted");

        bot.api().get("/api/bots/" + bot.botId + "/channels/telegram").then().statusCode(200)
                .body("username", equalTo("choyxona_bot"));
    }

    @Test
    void rejectsATokenTelegramDoesNotKnowWith400() {
        TelegramFixtures bot = new TelegramFixtures().announce(pool, "Salom!");
        String unknown = "123456789:AAthisTokenWasNeverIssuedByBotFather00";
        bot.api().body(Map.of("token", unknown)).put("/api/bots/" + bot.botId + "/channels/telegram")
                .then().statusCode(400)
                .contentType("application/problem+json")
                .body("type", equalTo("invalid-telegram-token"))
                .body("detail", not(containsString(unknown)));
        assertTrue(telegram.calls("setWebhook", c -> c.token().equals(unknown)).isEmpty());
    }

    @Test
    void rejectsSomethingThatIsNotATokenWithoutAskingTelegram() {
        TelegramFixtures bot = new TelegramFixtures().announce(pool, "Salom!");
        int before = telegram.calls("getMe").size();
        bot.api().body(Map.of("token", "hello")).put("/api/bots/" + bot.botId + "/channels/telegram")
                .then().statusCode(400).body("errors.field", hasItem("token"));
        bot.api().body(Map.of()).put("/api/bots/" + bot.botId + "/channels/telegram").then().statusCode(400);
        assertEquals(before, telegram.calls("getMe").size());
    }

    @Test
    void answers503WhenTelegramIsDown() {
        TelegramFixtures bot = new TelegramFixtures().announce(pool, "Salom!");
        String token = telegram.addBot(5550002L, "down_bot");
        telegram.script("getMe", Reply.serverError());
        bot.api().body(Map.of("token", token)).put("/api/bots/" + bot.botId + "/channels/telegram")
                .then().statusCode(503).body("type", equalTo("telegram-unavailable"));
    }

    @Test
    void anotherTenantsBotIs404() {
        TelegramFixtures bot = new TelegramFixtures().announce(pool, "Salom!");
        TelegramFixtures intruder = new TelegramFixtures();
        String token = telegram.addBot(5550003L, "mine_bot");
        intruder.api().body(Map.of("token", token)).put("/api/bots/" + bot.botId + "/channels/telegram")
                .then().statusCode(404);
        intruder.api().delete("/api/bots/" + bot.botId + "/channels/telegram").then().statusCode(404);
        given().body(Map.of("token", token)).contentType("application/json")
                .put("/api/bots/" + bot.botId + "/channels/telegram").then().statusCode(401);
        assertTrue(telegram.calls("getMe", c -> c.token().equals(token)).isEmpty());
    }

    @Test
    void disconnectDeletesTheWebhook() {
        TelegramFixtures bot = new TelegramFixtures().connected(pool, telegram);
        bot.api().delete("/api/bots/" + bot.botId + "/channels/telegram").then().statusCode(204);
        assertEquals(1, telegram.calls("deleteWebhook", c -> c.token().equals(bot.telegramToken)).size());
        bot.api().get("/api/bots/" + bot.botId + "/channels/telegram").then().statusCode(404)
                .body("type", equalTo("telegram-not-connected"));
    }

    @Test
    void connectAndDisconnectAreAnnouncedOnChannelEventsInOrder() throws Exception {
        TelegramFixtures bot = new TelegramFixtures().connected(pool, telegram);
        bot.api().delete("/api/bots/" + bot.botId + "/channels/telegram").then().statusCode(204);
        bot.api().delete("/api/bots/" + bot.botId + "/channels/telegram").then().statusCode(204);

        var records = TestKafkaClient.await(TelegramFixtures.kafka(), "channel.events",
                r -> r.key().equals(bot.botId.toString()), 2, Duration.ofSeconds(20));
        assertEquals(2, records.size(), "one event per change; the second DELETE changed nothing");
        JsonNode connected = JSON.readTree(records.get(0).value());
        assertEquals("ChannelConnected", connected.get("type").asText());
        assertEquals("telegram", connected.get("channel").asText());
        assertEquals(bot.botId.toString(), connected.get("botId").asText());
        assertFalse(connected.get("username").asText().isEmpty());
        assertTrue(connected.get("webhookUrl").asText().endsWith("/telegram/webhook/" + bot.botId));
        assertFalse(records.get(0).value().contains(bot.telegramToken.substring(bot.telegramToken.indexOf(':') + 1)),
                "the token never leaves the service");
        assertEquals("ChannelDisconnected", JSON.readTree(records.get(1).value()).get("type").asText());
    }

    @Test
    void deletedBotLosesItsWebhook() {
        TelegramFixtures bot = new TelegramFixtures().connected(pool, telegram);
        TestKafkaClient.send(TelegramFixtures.kafka(), "bot.events", bot.botId.toString(),
                "{\"type\":\"BotDeleted\",\"eventId\":\"" + UUID.randomUUID() + "\",\"botId\":\"" + bot.botId
                        + "\",\"ownerId\":\"" + bot.ownerId + "\",\"bot\":null,\"occurredAt\":\"2026-12-01T10:00:00Z\"}");
        await().atMost(Duration.ofSeconds(20)).until(() ->
                telegram.calls("deleteWebhook", c -> c.token().equals(bot.telegramToken)).size() == 1);
        await().atMost(Duration.ofSeconds(10)).until(() -> TelegramFixtures.count(pool,
                "SELECT count(*) FROM telegram.connections WHERE bot_id = $1", bot.botId) == 0);
    }
}

// Telegram's webhook calls against the real Postgres and Kafka: the secret gate, one chat.inbound
// record per update however often Telegram redelivers it, /start, skipped kinds, junk bodies.
package app.botfactory.telegram;

import app.botfactory.testsupport.TelegramStandIn;
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
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

@QuarkusTest
@WithTestResource(TelegramTestResource.class)
class WebhookTests {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Inject
    Pool pool;

    private final TelegramStandIn telegram = TelegramTestResource.telegram();

    @Test
    void wrongOrMissingSecretIs401AndNothingIsPublished() {
        TelegramFixtures bot = new TelegramFixtures().connected(pool, telegram);
        String update = TelegramFixtures.textUpdate(TelegramFixtures.nextUpdateId(), 901, "Narxlar qancha?");
        given().contentType("application/json").header("X-Telegram-Bot-Api-Secret-Token", "guess")
                .body(update).post("/telegram/webhook/" + bot.botId)
                .then().statusCode(401).contentType("application/problem+json");
        given().contentType("application/json").body(update).post("/telegram/webhook/" + bot.botId)
                .then().statusCode(401);
        given().contentType("application/json").header("X-Telegram-Bot-Api-Secret-Token", bot.secret)
                .body(update).post("/telegram/webhook/" + UUID.randomUUID()).then().statusCode(401);
        assertTrue(inbound(bot, Duration.ofSeconds(3), Integer.MAX_VALUE).isEmpty());
    }

    @Test
    void textMessageBecomesOneChatInboundRecordEvenWhenRedelivered() throws Exception {
        TelegramFixtures bot = new TelegramFixtures().connected(pool, telegram);
        long updateId = TelegramFixtures.nextUpdateId();
        String update = TelegramFixtures.textUpdate(updateId, 902, "Yetkazib berish bormi? Доставка есть?");
        bot.webhook().body(update).post("/telegram/webhook/" + bot.botId).then().statusCode(200);
        bot.webhook().body(update).post("/telegram/webhook/" + bot.botId).then().statusCode(200);

        List<ConsumerRecord<String, String>> records = inbound(bot, Duration.ofSeconds(4), Integer.MAX_VALUE);
        assertEquals(1, records.size());
        assertEquals(bot.botId + ":902", records.get(0).key());
        JsonNode record = JSON.readTree(records.get(0).value());
        assertEquals("telegram", record.get("channel").asText());
        assertEquals(bot.botId.toString(), record.get("botId").asText());
        assertEquals("902", record.get("chatId").asText());
        assertEquals("902", record.get("userId").asText());
        assertEquals("Yetkazib berish bormi? Доставка есть?", record.get("text").asText());
        assertEquals("tg:" + bot.botId + ":" + updateId, record.get("messageId").asText());
        assertTrue(record.hasNonNull("receivedAt"));
    }

    @Test
    void startCommandGetsTheWelcomeMessageWithoutTheAi() {
        TelegramFixtures bot = new TelegramFixtures().connected(pool, telegram);
        bot.webhook().body(TelegramFixtures.textUpdate(TelegramFixtures.nextUpdateId(), 903, "/start"))
                .post("/telegram/webhook/" + bot.botId).then().statusCode(200);
        await().atMost(Duration.ofSeconds(10)).until(() ->
                telegram.calls("sendMessage", c -> c.token().equals(bot.telegramToken)).size() == 1);
        String sent = telegram.calls("sendMessage", c -> c.token().equals(bot.telegramToken)).get(0).body();
        assertTrue(sent.contains("\"chat_id\":\"903\""), sent);
        assertTrue(sent.contains("Assalomu alaykum! Xush kelibsiz."), sent);
        assertTrue(inbound(bot, Duration.ofSeconds(2), Integer.MAX_VALUE).isEmpty());
    }

    @Test
    void otherUpdateKindsAreAcknowledgedAndSkipped() {
        TelegramFixtures bot = new TelegramFixtures().connected(pool, telegram);
        bot.webhook().body("{\"update_id\":" + TelegramFixtures.nextUpdateId() + ",\"message\":{\"message_id\":5,"
                        + "\"chat\":{\"id\":904,\"type\":\"private\"},\"date\":1,\"sticker\":{\"file_id\":\"x\"}}}")
                .post("/telegram/webhook/" + bot.botId).then().statusCode(200);
        bot.webhook().body("{\"update_id\":" + TelegramFixtures.nextUpdateId() + ",\"edited_message\":{\"message_id\":5,"
                        + "\"chat\":{\"id\":904,\"type\":\"private\"},\"date\":1,\"text\":\"edit\"}}")
                .post("/telegram/webhook/" + bot.botId).then().statusCode(200);
        assertTrue(inbound(bot, Duration.ofSeconds(3), Integer.MAX_VALUE).isEmpty());
    }

    @Test
    void updatesOfAPausedBotAreAcknowledgedAndSkipped() {
        TelegramFixtures bot = new TelegramFixtures().connected(pool, telegram);
        bot.upsert(pool, "PAUSED");
        bot.webhook().body(TelegramFixtures.textUpdate(TelegramFixtures.nextUpdateId(), 905, "Salom"))
                .post("/telegram/webhook/" + bot.botId).then().statusCode(200);
        bot.webhook().body(TelegramFixtures.textUpdate(TelegramFixtures.nextUpdateId(), 905, "/start"))
                .post("/telegram/webhook/" + bot.botId).then().statusCode(200);
        assertTrue(inbound(bot, Duration.ofSeconds(3), Integer.MAX_VALUE).isEmpty());
        assertTrue(telegram.calls("sendMessage", c -> c.token().equals(bot.telegramToken)).isEmpty());
    }

    @Test
    void aDisconnectedBotsWebhookIsRefusedAtOnce() {
        TelegramFixtures bot = new TelegramFixtures().connected(pool, telegram);
        bot.webhook().body(TelegramFixtures.textUpdate(TelegramFixtures.nextUpdateId(), 906, "Salom"))
                .post("/telegram/webhook/" + bot.botId).then().statusCode(200);
        bot.api().delete("/api/bots/" + bot.botId + "/channels/telegram").then().statusCode(204);
        bot.webhook().body(TelegramFixtures.textUpdate(TelegramFixtures.nextUpdateId(), 906, "Yana salom"))
                .post("/telegram/webhook/" + bot.botId).then().statusCode(401);
        assertEquals(1, inbound(bot, Duration.ofSeconds(3), Integer.MAX_VALUE).size());
    }

    @Test
    void junkBodiesGet4xxNever5xx() {
        TelegramFixtures bot = new TelegramFixtures().connected(pool, telegram);
        String path = "/telegram/webhook/" + bot.botId;
        bot.webhook().body("this is not json").post(path).then().statusCode(400).contentType("application/problem+json");
        bot.webhook().body("[1,2,3]").post(path).then().statusCode(400);
        bot.webhook().body("{\"message\":{}}").post(path).then().statusCode(400);
        bot.webhook().body("{\"update_id\":\"abc\"}").post(path).then().statusCode(400);
        bot.webhook().body("{\"update_id\":1e400}").post(path).then().statusCode(400);
        bot.webhook().body("").post(path).then().statusCode(400);
        bot.webhook().contentType("text/plain").body("{}").post(path).then().statusCode(415);
        given().contentType("application/json").header("X-Telegram-Bot-Api-Secret-Token", bot.secret)
                .body("{\"update_id\":1}").post("/telegram/webhook/not-a-uuid").then().statusCode(404);
    }

    private static List<ConsumerRecord<String, String>> inbound(TelegramFixtures bot, Duration window, int count) {
        return TestKafkaClient.await(TelegramFixtures.kafka(), "chat.inbound",
                r -> r.key() != null && r.key().startsWith(bot.botId + ":"), count, window);
    }
}

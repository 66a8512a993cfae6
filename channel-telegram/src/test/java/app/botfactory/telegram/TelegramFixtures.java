// Shared moves of the Telegram tests: a bot announced on bot.events (as bot-service does), an
// owner token, a connected Telegram bot, and Updates in Telegram's own JSON.
package app.botfactory.telegram;

import app.botfactory.testsupport.TelegramStandIn;
import app.botfactory.testsupport.TestKafkaClient;
import app.botfactory.testsupport.TestTokens;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import org.eclipse.microprofile.config.ConfigProvider;

import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;

final class TelegramFixtures {

    private static final AtomicLong UPDATE_IDS = new AtomicLong(System.currentTimeMillis());
    private static final AtomicLong TELEGRAM_IDS = new AtomicLong(7_000_000_000L);

    final UUID ownerId = UUID.randomUUID();
    final UUID botId = UUID.randomUUID();
    final String ownerToken = TestTokens.forUser(ownerId, "owner-" + ownerId + "@example.com");
    String telegramToken;
    String secret;

    static String kafka() {
        return ConfigProvider.getConfig().getValue("kafka.bootstrap.servers", String.class);
    }

    static long nextUpdateId() {
        return UPDATE_IDS.incrementAndGet();
    }

    RequestSpecification api() {
        return given().auth().oauth2(ownerToken).contentType(ContentType.JSON);
    }

    /** Publishes BotUpserted as bot-service would and waits until channel-telegram knows the bot. */
    TelegramFixtures announce(Pool pool, String welcome) {
        TestKafkaClient.send(kafka(), "bot.events", botId.toString(), botUpserted(welcome, "ACTIVE"));
        await().atMost(Duration.ofSeconds(20)).until(() -> count(pool,
                "SELECT count(*) FROM telegram.bots WHERE bot_id = $1", botId) == 1);
        return this;
    }

    /** Publishes a status change as bot-service would and waits until channel-telegram applied it. */
    TelegramFixtures upsert(Pool pool, String status) {
        TestKafkaClient.send(kafka(), "bot.events", botId.toString(), botUpserted("Salom!", status));
        await().atMost(Duration.ofSeconds(20)).until(() -> pool
                .preparedQuery("SELECT status FROM telegram.bots WHERE bot_id = $1").execute(Tuple.of(botId))
                .map(rows -> status.equals(rows.iterator().next().getString(0))).await().atMost(Duration.ofSeconds(5)));
        return this;
    }

    private String botUpserted(String welcome, String status) {
        return "{\"type\":\"BotUpserted\",\"eventId\":\"" + UUID.randomUUID() + "\",\"botId\":\"" + botId
                + "\",\"ownerId\":\"" + ownerId + "\",\"bot\":{\"id\":\"" + botId + "\",\"name\":\"Shop\","
                + "\"language\":\"uz\",\"welcomeMessage\":\"" + welcome + "\",\"fallbackMessage\":\"Kechirasiz\","
                + "\"status\":\"" + status + "\"},\"occurredAt\":\"2026-12-01T10:00:00Z\"}";
    }

    /** Announces the bot and connects a fresh Telegram token through the API. */
    TelegramFixtures connected(Pool pool, TelegramStandIn telegram) {
        announce(pool, "Assalomu alaykum! Xush kelibsiz.");
        telegramToken = telegram.addBot(TELEGRAM_IDS.incrementAndGet(), "shop_" + botId.toString().substring(0, 8)
                + "_bot");
        api().body(Map.of("token", telegramToken)).put("/api/bots/" + botId + "/channels/telegram")
                .then().statusCode(200);
        secret = pool.preparedQuery("SELECT secret_token FROM telegram.connections WHERE bot_id = $1")
                .execute(Tuple.of(botId)).map(rows -> rows.iterator().next().getString(0))
                .await().atMost(Duration.ofSeconds(5));
        return this;
    }

    RequestSpecification webhook() {
        return given().contentType(ContentType.JSON).header("X-Telegram-Bot-Api-Secret-Token", secret);
    }

    static String textUpdate(long updateId, long chatId, String text) {
        return "{\"update_id\":" + updateId + ",\"message\":{\"message_id\":" + (updateId % 100000)
                + ",\"from\":{\"id\":" + chatId + ",\"is_bot\":false,\"first_name\":\"Aziz\",\"language_code\":\"uz\"},"
                + "\"chat\":{\"id\":" + chatId + ",\"first_name\":\"Aziz\",\"type\":\"private\"},\"date\":1764583200,"
                + "\"text\":\"" + text + "\"}}";
    }

    static long count(Pool pool, String sql, Object param) {
        return pool.preparedQuery(sql).execute(Tuple.of(param))
                .map(rows -> rows.iterator().next().getLong(0)).await().atMost(Duration.ofSeconds(5));
    }
}

// A business owner and their Telegram bot as the end-to-end tests see them: everything goes through the
// gateway's public API (../shared/CONTRACT.md) or the stand-in Telegram, exactly as a real client would.
package app.botfactory.e2e;

import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

final class Business {

    private static final Pattern SECRET = Pattern.compile("\"secret_token\":\"([^\"]+)\"");

    final String email;
    final String accessToken;
    String botId;
    String telegramToken;
    String webhookSecret;

    private Business(String email, String accessToken) {
        this.email = email;
        this.accessToken = accessToken;
    }

    /** Registers and logs in a new owner with a unique email. */
    static Business signUp(String name) {
        String email = name.toLowerCase().replaceAll("[^a-z]", "") + "-" + UUID.randomUUID() + "@example.com";
        String password = "correct horse battery staple";
        given().body(Map.of("email", email, "password", password, "name", name))
                .post("/api/users/register").then().statusCode(201);
        String token = given().body(Map.of("email", email, "password", password))
                .post("/api/users/login").then().statusCode(200).extract().path("accessToken");
        return new Business(email, token);
    }

    static RequestSpecification given() {
        return RestAssured.given().baseUri(Platform.GATEWAY).contentType(ContentType.JSON)
                .accept("application/json, application/problem+json");
    }

    RequestSpecification authed() {
        return given().header("Authorization", "Bearer " + accessToken);
    }

    void startTrial() {
        authed().post("/api/subscriptions/trial").then().statusCode(201);
    }

    /** Right after the trial, no waiting: bot-service asks billing when its read model is behind. */
    void createBot(String name, String language) {
        Response created = authed().body(Map.of("name", name, "language", language)).post("/api/bots");
        created.then().statusCode(201);
        botId = created.path("id");
    }

    String addKnowledge(String title, String content) {
        return authed().body(Map.of("title", title, "content", content))
                .post("/api/bots/" + botId + "/knowledge").then().statusCode(201).extract().path("id");
    }

    /**
     * What an owner does in the dashboard's test chat before going live: asks until the answer quotes
     * `expected`. Knowledge reaches ai-gateway through knowledge.events, a moment after the 201 (on a
     * platform that has just started, the first event took 1.4 s in CI), so an answer right away may
     * still be the fallback.
     */
    void awaitAnswer(String question, String expected) {
        await(Duration.ofSeconds(60), () -> {
            String text = authed().body(Map.of("text", question)).post("/api/bots/" + botId + "/ask")
                    .then().statusCode(200).extract().path("text");
            return text != null && text.contains(expected) ? text : null;
        });
    }

    /** A token from the stand-in Telegram's @BotFather, connected through the API; remembers the webhook secret. */
    JsonPath connectTelegram(String username) {
        telegramToken = RestAssured.given().baseUri(Platform.TELEGRAM_STANDIN).body("{\"username\":\"" + username + "\"}")
                .post("/__standin/bots").then().statusCode(200).extract().path("token");
        JsonPath connected = authed().body(Map.of("token", telegramToken))
                .put("/api/bots/" + botId + "/channels/telegram").then().statusCode(200).extract().jsonPath();
        String setWebhook = telegramCalls("setWebhook").stream()
                .filter(c -> c.get("token").equals(telegramToken)).reduce((a, b) -> b).orElseThrow().get("body");
        Matcher m = SECRET.matcher(setWebhook);
        if (!m.find()) {
            throw new AssertionError("setWebhook was called without a secret_token: " + setWebhook);
        }
        webhookSecret = m.group(1);
        return connected;
    }

    /** Telegram delivering one text message to the bot's webhook, through the gateway. */
    Response deliver(long updateId, long chatId, String text) {
        String update = "{\"update_id\":" + updateId + ",\"message\":{\"message_id\":" + updateId
                + ",\"date\":" + (System.currentTimeMillis() / 1000) + ",\"chat\":{\"id\":" + chatId
                + ",\"type\":\"private\"},\"from\":{\"id\":" + chatId + ",\"is_bot\":false,\"first_name\":\"Customer\"},"
                + "\"text\":" + json(text) + "}}";
        return RestAssured.given().baseUri(Platform.GATEWAY).contentType(ContentType.JSON)
                .header("X-Telegram-Bot-Api-Secret-Token", webhookSecret)
                .body(update).post("/telegram/webhook/" + botId);
    }

    /** sendMessage calls the stand-in Telegram received for this bot: chat_id, text and `at` (epoch ms) of each. */
    List<Map<String, String>> sentMessages() {
        return telegramCalls("sendMessage").stream().filter(c -> c.get("token").equals(telegramToken))
                .map(c -> {
                    JsonPath b = JsonPath.from(c.get("body"));
                    return Map.of("chat_id", String.valueOf(b.getString("chat_id")), "text", b.getString("text"),
                            "at", c.get("at"));
                })
                .toList();
    }

    static List<Map<String, String>> telegramCalls(String method) {
        return RestAssured.given().baseUri(Platform.TELEGRAM_STANDIN).get("/__standin/calls?method=" + method)
                .then().statusCode(200).extract().jsonPath().getList("$");
    }

    /** Polls until `attempt` returns non-null, or fails after `timeout`. */
    static <T> T await(Duration timeout, Supplier<T> attempt) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            T value = attempt.get();
            if (value != null) {
                return value;
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("condition not met within " + timeout);
            }
            try {
                Thread.sleep(250);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted", e);
            }
        }
    }

    private static String json(String s) {
        return "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n") + "\"";
    }
}

// Moves of the ai-gateway tests, made the way the other services make them: bots and documents
// announced on bot.events / knowledge.events, entitlements on billing.entitlements, customer
// messages on chat.inbound, and answers read back from chat.outbound.
package app.botfactory.ai;

import app.botfactory.testsupport.TestKafkaClient;
import app.botfactory.testsupport.TestTokens;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.config.ConfigProvider;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;

final class AiFixtures {

    private static final ObjectMapper JSON = new ObjectMapper();

    final UUID ownerId = UUID.randomUUID();
    final UUID botId = UUID.randomUUID();
    final String token = TestTokens.forUser(ownerId, "owner-" + ownerId + "@example.com");
    final String fallback = "Kechirasiz, bu haqda ma'lumotim yo'q. Operatorimiz tez orada yozadi.";

    static String kafka() {
        return ConfigProvider.getConfig().getValue("kafka.bootstrap.servers", String.class);
    }

    RequestSpecification api() {
        return given().auth().oauth2(token).contentType(ContentType.JSON);
    }

    AiFixtures bot(Pool pool, String systemPrompt, String language) {
        Map<String, Object> settings = new LinkedHashMap<>();
        settings.put("id", botId.toString());
        settings.put("name", "Choyxona");
        settings.put("systemPrompt", systemPrompt);
        settings.put("language", language);
        settings.put("welcomeMessage", "Salom!");
        settings.put("fallbackMessage", fallback);
        settings.put("status", "ACTIVE");
        send("bot.events", botId.toString(), Map.of("type", "BotUpserted", "eventId", UUID.randomUUID().toString(),
                "botId", botId.toString(), "ownerId", ownerId.toString(), "bot", settings,
                "occurredAt", Instant.now().toString()));
        await().atMost(Duration.ofSeconds(20)).until(() -> count(pool,
                "SELECT count(*) FROM ai.bots WHERE bot_id = $1", botId) == 1);
        return this;
    }

    AiFixtures entitled(Pool pool, int limit, int used) {
        send("billing.entitlements", ownerId.toString(), Map.of("ownerId", ownerId.toString(), "plan", "STARTER",
                "status", "ACTIVE", "botLimit", 1, "monthlyMessageLimit", limit, "messagesUsed", used,
                "periodEnd", Instant.now().plus(Duration.ofDays(20)).toString()));
        await().atMost(Duration.ofSeconds(20)).until(() -> count(pool,
                "SELECT count(*) FROM ai.entitlements WHERE owner_id = $1 AND messages_used = " + used, ownerId) == 1);
        return this;
    }

    UUID document(Pool pool, String title, String content) {
        UUID docId = UUID.randomUUID();
        send("knowledge.events", botId.toString(), Map.of("type", "DocumentAdded", "eventId",
                UUID.randomUUID().toString(), "botId", botId.toString(), "ownerId", ownerId.toString(),
                "docId", docId.toString(), "title", title, "content", content, "occurredAt", Instant.now().toString()));
        await().atMost(Duration.ofSeconds(20)).until(() -> count(pool,
                "SELECT count(*) FROM ai.chunks WHERE doc_id = $1", docId) > 0);
        return docId;
    }

    void deleteDocument(Pool pool, UUID docId) {
        send("knowledge.events", botId.toString(), Map.of("type", "DocumentDeleted", "eventId",
                UUID.randomUUID().toString(), "botId", botId.toString(), "ownerId", ownerId.toString(),
                "docId", docId.toString(), "title", "x", "occurredAt", Instant.now().toString()));
        await().atMost(Duration.ofSeconds(20)).until(() -> count(pool,
                "SELECT count(*) FROM ai.chunks WHERE doc_id = $1", docId) == 0);
    }

    /** Publishes a customer's message as channel-telegram would; returns its messageId. */
    String customerSays(String chatId, String text) {
        String messageId = "tg:" + botId + ":" + UUID.randomUUID();
        customerSays(messageId, chatId, text);
        return messageId;
    }

    void customerSays(String messageId, String chatId, String text) {
        send("chat.inbound", botId + ":" + chatId, inbound(messageId, chatId, text));
    }

    /** Many customers at once (chat id -> text), through one producer; returns messageId -> text. */
    Map<String, String> customersSay(Map<String, String> textByChat) {
        Map<String, String> questions = new LinkedHashMap<>();
        List<Map.Entry<String, String>> records = new ArrayList<>();
        textByChat.forEach((chatId, text) -> {
            String messageId = "tg:" + botId + ":" + UUID.randomUUID();
            questions.put(messageId, text);
            records.add(Map.entry(botId + ":" + chatId, json(inbound(messageId, chatId, text))));
        });
        TestKafkaClient.sendAll(kafka(), "chat.inbound", records);
        return questions;
    }

    private Map<String, Object> inbound(String messageId, String chatId, String text) {
        return Map.of("messageId", messageId, "botId", botId.toString(), "channel", "telegram",
                "chatId", chatId, "userId", chatId, "text", text, "receivedAt", Instant.now().toString());
    }

    /** The chat.outbound reply to one inbound message (waits for it). */
    JsonNode replyTo(String messageId) {
        List<JsonNode> replies = repliesTo(messageId, 1, Duration.ofSeconds(30));
        if (replies.isEmpty()) {
            throw new AssertionError("no chat.outbound reply to " + messageId);
        }
        return replies.get(0);
    }

    List<JsonNode> repliesTo(String messageId, int count, Duration window) {
        List<ConsumerRecord<String, String>> records = TestKafkaClient.await(kafka(), "chat.outbound",
                r -> r.value().contains("\"inReplyTo\":\"" + messageId + "\""), count, window);
        return records.stream().map(r -> {
            try {
                return JSON.readTree(r.value());
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }).toList();
    }

    private static void send(String topic, String key, Object value) {
        TestKafkaClient.send(kafka(), topic, key, json(value));
    }

    private static String json(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    static long count(Pool pool, String sql, Object param) {
        return pool.preparedQuery(sql).execute(Tuple.of(param))
                .map(rows -> rows.iterator().next().getLong(0)).await().atMost(Duration.ofSeconds(5));
    }
}

// Test accounts with signed tokens, plus helpers to publish what other services would publish.
package app.botfactory.billing;

import app.botfactory.testsupport.TestKafkaClient;
import app.botfactory.testsupport.TestTokens;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.config.ConfigProvider;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;

final class Accounts {

    private static final ObjectMapper JSON = new ObjectMapper();

    final UUID id = UUID.randomUUID();
    final String token = TestTokens.forUser(id, "owner-" + id + "@example.com");

    static String kafka() {
        return ConfigProvider.getConfig().getValue("kafka.bootstrap.servers", String.class);
    }

    RequestSpecification api() {
        return given().auth().oauth2(token).contentType(ContentType.JSON);
    }

    void startTrial() {
        api().post("/api/subscriptions/trial").then().statusCode(201);
    }

    void subscribe(String plan) {
        api().body(Map.of("plan", plan)).put("/api/subscriptions/plan").then().statusCode(200);
    }

    /** A chat.outbound record as ai-gateway publishes it. */
    String outbound(String messageId, String kind) {
        UUID bot = UUID.randomUUID();
        return "{\"messageId\":\"" + messageId + "\",\"inReplyTo\":\"in-" + messageId + "\",\"botId\":\"" + bot
                + "\",\"ownerId\":\"" + id + "\",\"channel\":\"telegram\",\"chatId\":\"42\",\"text\":\"Salom!\","
                + "\"kind\":\"" + kind + "\",\"sources\":[],\"createdAt\":\"2026-12-01T10:00:00Z\"}";
    }

    /** The entitlements billing published for this account, oldest first, once `count` arrived. */
    List<JsonNode> entitlements(int count) {
        List<ConsumerRecord<String, String>> records = TestKafkaClient.await(kafka(), "billing.entitlements",
                r -> id.toString().equals(r.key()), count, Duration.ofSeconds(20));
        return records.stream().map(r -> {
            try {
                return JSON.readTree(r.value());
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }).toList();
    }
}

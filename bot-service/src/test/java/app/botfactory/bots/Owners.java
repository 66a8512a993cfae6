// Test tenants: a fresh owner with a signed access token, and plan allowances granted the way
// billing grants them in production (a billing.entitlements record on the real broker).
package app.botfactory.bots;

import app.botfactory.testsupport.TestKafkaClient;
import app.botfactory.testsupport.TestTokens;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import org.eclipse.microprofile.config.ConfigProvider;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;

final class Owners {

    final UUID id = UUID.randomUUID();
    final String token = TestTokens.forUser(id, "owner-" + id + "@example.com");

    static String kafka() {
        return ConfigProvider.getConfig().getValue("kafka.bootstrap.servers", String.class);
    }

    RequestSpecification api() {
        return given().auth().oauth2(token).contentType(ContentType.JSON);
    }

    /** Publishes an entitlement as billing would and waits until bot-service has applied it. */
    Owners grant(Pool pool, String plan, String status, int botLimit) {
        String value = "{\"ownerId\":\"" + id + "\",\"plan\":\"" + plan + "\",\"status\":\"" + status
                + "\",\"botLimit\":" + botLimit + ",\"monthlyMessageLimit\":1000,\"messagesUsed\":0,"
                + "\"periodEnd\":\"" + Instant.now().plus(Duration.ofDays(14)) + "\"}";
        TestKafkaClient.send(kafka(), "billing.entitlements", id.toString(), value);
        await().atMost(Duration.ofSeconds(20)).until(() -> pool
                .preparedQuery("SELECT count(*) FROM bots.entitlements WHERE owner_id = $1 AND status = $2 "
                        + "AND bot_limit = $3")
                .execute(Tuple.of(id, status, botLimit))
                .map(rows -> rows.iterator().next().getLong(0) == 1L)
                .await().atMost(Duration.ofSeconds(5)));
        return this;
    }

    Response createBot(Map<String, Object> body) {
        return api().body(body).post("/api/bots");
    }

    String createBot(String name) {
        return createBot(Map.of("name", name)).then().statusCode(201).extract().path("id");
    }
}

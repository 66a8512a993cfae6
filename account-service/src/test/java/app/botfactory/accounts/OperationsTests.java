// What operators rely on: readiness covers the database and Kafka, OpenAPI and metrics are served,
// and the stored password is an Argon2id hash, never the password.
package app.botfactory.accounts;

import app.botfactory.testsupport.PlatformTestResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static app.botfactory.accounts.AccountApi.PASSWORD;
import static app.botfactory.accounts.AccountApi.registerNew;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.junit.jupiter.api.Assertions.assertTrue;

@QuarkusTest
@WithTestResource(PlatformTestResource.class)
class OperationsTests {

    @Inject
    Pool pool;

    @Test
    void readinessReportsDatabaseAndKafka() {
        given().get("/q/health/ready")
                .then().statusCode(200)
                .body("status", equalTo("UP"))
                .body("checks.name", hasItem(containsString("Database")))
                .body("checks.name", hasItem(containsString("Kafka")));
        given().get("/q/health/live").then().statusCode(200).body("status", equalTo("UP"));
    }

    @Test
    void servesOpenApiAndMetrics() {
        given().get("/q/openapi?format=json").then().statusCode(200)
                .body("paths", org.hamcrest.Matchers.hasKey("/api/users/login"));
        given().get("/q/metrics").then().statusCode(200).body(containsString("http_server"));
    }

    @Test
    void storesOnlyAnArgon2idHash() {
        String email = registerNew();
        String hash = pool.preparedQuery("SELECT password_hash FROM accounts.users WHERE email = $1")
                .execute(Tuple.of(email))
                .map(rows -> rows.iterator().next().getString(0))
                .await().atMost(Duration.ofSeconds(10));
        assertTrue(hash.startsWith("$argon2id$v=19$m=19456,t=2,p=1$"), hash);
        assertTrue(!hash.contains(PASSWORD));
    }

    @Test
    void storesRefreshTokensOnlyAsHashes() {
        String refresh = AccountApi.loginOk(registerNew()).path("refreshToken");
        Long plain = pool.preparedQuery("SELECT count(*) FROM accounts.refresh_tokens WHERE token_hash = $1")
                .execute(Tuple.of(refresh))
                .map(rows -> rows.iterator().next().getLong(0))
                .await().atMost(Duration.ofSeconds(10));
        assertTrue(plain == 0L, "the raw refresh token is not what is stored");
    }
}

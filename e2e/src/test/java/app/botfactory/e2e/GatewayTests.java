// The gateway as callers meet it: one entry point, a welcome at /, problem+json for whatever nginx itself
// refuses, and an X-Request-Id that every service receives and logs.
package app.botfactory.e2e;

import io.restassured.RestAssured;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.UUID;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.startsWith;

class GatewayTests {

    @BeforeAll
    static void platform() {
        Platform.ensureStarted();
    }

    @Test
    void welcomesAtTheRoot() {
        RestAssured.given().baseUri(Platform.GATEWAY).get("/").then()
                .statusCode(200).body(startsWith("Welcome to BotFactory"));
    }

    @Test
    void answersUnknownAddressesWithProblemJsonNotAnHtmlPage() {
        RestAssured.given().baseUri(Platform.GATEWAY).get("/wp-admin/setup.php").then()
                .statusCode(404)
                .contentType(startsWith("application/problem+json"))
                .body("status", equalTo(404))
                .body(not(containsString("<html")));
    }

    @Test
    void refusesAnOversizedBodyWithProblemJson() {
        RestAssured.given().baseUri(Platform.GATEWAY).contentType("application/json")
                .body("{\"email\":\"" + "a".repeat(40_000) + "\"}")
                .post("/api/users/login").then()
                .statusCode(413)
                .contentType(startsWith("application/problem+json"))
                .body("type", equalTo("payload-too-large"));
    }

    @Test
    void routesEachPathToItsService() {
        Business owner = Business.signUp("Router");
        owner.authed().get("/api/users/me").then().statusCode(200).body("email", equalTo(owner.email));
        Business.given().get("/.well-known/jwks.json").then().statusCode(200).body("keys.size()", equalTo(1));
        owner.authed().get("/api/subscriptions/me").then().statusCode(404)
                .contentType(startsWith("application/problem+json"));
        owner.authed().get("/api/bots").then().statusCode(200);
        owner.authed().get("/api/bots/" + UUID.randomUUID() + "/channels/telegram").then().statusCode(404)
                .contentType(startsWith("application/problem+json"));
        owner.authed().body("{\"text\":\"hi\"}").post("/api/bots/" + UUID.randomUUID() + "/ask").then()
                .statusCode(404).contentType(startsWith("application/problem+json"));
        Business.given().get("/api/bots").then().statusCode(401).contentType(startsWith("application/problem+json"));
    }

    @Test
    void passesTheRequestIdToTheServiceWhichLogsIt() throws Exception {
        String requestId = "e2e-" + UUID.randomUUID();
        Business.given().header("X-Request-Id", requestId).get("/api/plans").then()
                .statusCode(200).header("X-Request-Id", requestId);
        Business.await(Duration.ofSeconds(10), () -> {
            try {
                return Platform.log("billing-service").contains("req=" + requestId) ? true : null;
            } catch (java.io.IOException e) {
                throw new IllegalStateException(e);
            }
        });
    }

    @Test
    void makesARequestIdWhenTheCallerSentNone() {
        RestAssured.given().baseUri(Platform.GATEWAY).get("/api/plans").then()
                .statusCode(200).header("X-Request-Id", matchesPattern("[0-9a-f]{32}"));
    }
}

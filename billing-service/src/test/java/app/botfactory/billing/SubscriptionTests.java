// Trial, plan changes, cancel and /me over REST against the real Postgres, and the entitlements
// each change publishes on the real broker.
package app.botfactory.billing;

import app.botfactory.testsupport.PlatformTestResource;
import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.junit.jupiter.api.Assertions.assertEquals;

@QuarkusTest
@WithTestResource(PlatformTestResource.class)
class SubscriptionTests {

    @Test
    void startsTheFreeTrialOnceEver() {
        Accounts account = new Accounts();
        String start = account.api().post("/api/subscriptions/trial")
                .then().statusCode(201)
                .body("plan", equalTo("TRIAL"))
                .body("status", equalTo("TRIALING"))
                .body("usage.messages", equalTo(0))
                .body("usage.messageLimit", equalTo(300))
                .body("usage.bots", equalTo(0))
                .body("usage.botLimit", equalTo(1))
                .extract().path("currentPeriodStart");
        String end = account.api().get("/api/subscriptions/me").then().statusCode(200).extract().path("currentPeriodEnd");
        assertEquals(Duration.ofDays(14), Duration.between(Instant.parse(start), Instant.parse(end)));

        account.api().post("/api/subscriptions/trial").then().statusCode(409)
                .contentType("application/problem+json").body("type", equalTo("trial-used"));
        account.subscribe("STARTER");
        account.api().delete("/api/subscriptions").then().statusCode(200);
        account.api().post("/api/subscriptions/trial").then().statusCode(409).body("type", equalTo("trial-used"));
    }

    @Test
    void answers404BeforeTheFirstSubscription() {
        new Accounts().api().get("/api/subscriptions/me").then().statusCode(404)
                .contentType("application/problem+json").body("type", equalTo("no-subscription"));
        new Accounts().api().delete("/api/subscriptions").then().statusCode(404);
    }

    @Test
    void upgradesAndDowngradesWithLimitsFollowing() {
        Accounts account = new Accounts();
        account.startTrial();
        account.api().body(Map.of("plan", "pro")).put("/api/subscriptions/plan")
                .then().statusCode(200)
                .body("plan", equalTo("PRO"))
                .body("status", equalTo("ACTIVE"))
                .body("usage.botLimit", equalTo(3))
                .body("usage.messageLimit", equalTo(10000));
        account.api().body(Map.of("plan", "STARTER")).put("/api/subscriptions/plan")
                .then().statusCode(200).body("plan", equalTo("STARTER")).body("usage.botLimit", equalTo(1));
        account.api().get("/api/subscriptions/me").then().body("plan", equalTo("STARTER"));
    }

    @Test
    void rejectsUnknownOrTrialPlanWith400() {
        Accounts account = new Accounts();
        account.api().body(Map.of("plan", "PLATINUM")).put("/api/subscriptions/plan")
                .then().statusCode(400).contentType("application/problem+json").body("errors.field", hasItem("plan"));
        account.api().body(Map.of("plan", "TRIAL")).put("/api/subscriptions/plan").then().statusCode(400);
        account.api().body(Map.of()).put("/api/subscriptions/plan").then().statusCode(400)
                .body("errors.field", hasItem("plan"));
        account.api().body("{\"plan\":").put("/api/subscriptions/plan").then().statusCode(400)
                .body("type", equalTo("malformed-json"));
        account.api().get("/api/subscriptions/me").then().statusCode(404);
    }

    @Test
    void cancelKeepsThePlanUntilThePeriodEnds() {
        Accounts account = new Accounts();
        account.subscribe("PRO");
        String end = account.api().get("/api/subscriptions/me").then().extract().path("currentPeriodEnd");
        account.api().delete("/api/subscriptions")
                .then().statusCode(200)
                .body("status", equalTo("CANCELED"))
                .body("plan", equalTo("PRO"))
                .body("currentPeriodEnd", equalTo(end));
        account.api().delete("/api/subscriptions").then().statusCode(200).body("status", equalTo("CANCELED"));
    }

    @Test
    void everyChangePublishesTheEntitlement() {
        Accounts account = new Accounts();
        account.startTrial();
        account.subscribe("BUSINESS");
        account.api().delete("/api/subscriptions").then().statusCode(200);
        List<JsonNode> events = account.entitlements(3);
        assertEquals(3, events.size());
        assertEquals("TRIALING", events.get(0).get("status").asText());
        assertEquals(1, events.get(0).get("botLimit").asInt());
        assertEquals("BUSINESS", events.get(1).get("plan").asText());
        assertEquals(10, events.get(1).get("botLimit").asInt());
        assertEquals("CANCELED", events.get(2).get("status").asText());
        assertEquals(account.id.toString(), events.get(2).get("ownerId").asText());
    }

    @Test
    void requiresAToken() {
        given().get("/api/subscriptions/me").then().statusCode(401).contentType("application/problem+json");
        given().post("/api/subscriptions/trial").then().statusCode(401);
    }
}

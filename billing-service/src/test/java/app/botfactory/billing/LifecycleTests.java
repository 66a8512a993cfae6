// Trials expire and periods roll over on time, driven by a controllable clock (no sleeping):
// the lifecycle job's work is run directly after moving the clock.
package app.botfactory.billing;

import app.botfactory.billing.service.SubscriptionService;
import app.botfactory.testsupport.PlatformTestResource;
import app.botfactory.testsupport.TestKafkaClient;
import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.vertx.VertxContextSupport;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

@QuarkusTest
@WithTestResource(PlatformTestResource.class)
class LifecycleTests {

    @Inject
    SubscriptionService subscriptions;

    @Test
    void trialExpiresExactlyWhenItsDaysAreOver() {
        Accounts account = new Accounts();
        account.startTrial();
        TestClock.CLOCK.advance(Duration.ofDays(14).minusMinutes(1));
        advance();
        account.api().get("/api/subscriptions/me").then().body("status", equalTo("TRIALING"));

        TestClock.CLOCK.advance(Duration.ofMinutes(2));
        advance();
        account.api().get("/api/subscriptions/me").then().statusCode(200).body("status", equalTo("EXPIRED"));
        List<JsonNode> events = account.entitlements(2);
        assertEquals("EXPIRED", events.get(1).get("status").asText());
    }

    @Test
    void activePlanRollsIntoTheNextMonthWithUsageReset() {
        Accounts account = new Accounts();
        account.subscribe("STARTER");
        TestKafkaClient.sendAll(Accounts.kafka(), "chat.outbound", List.of(
                Map.entry("k", account.outbound(UUID.randomUUID().toString(), "ANSWER")),
                Map.entry("k", account.outbound(UUID.randomUUID().toString(), "ANSWER"))));
        await().atMost(Duration.ofSeconds(20)).until(() ->
                account.api().get("/api/subscriptions/me").then().extract().<Integer>path("usage.messages") == 2);
        String firstEnd = account.api().get("/api/subscriptions/me").then().extract().path("currentPeriodEnd");

        TestClock.CLOCK.advance(Duration.ofDays(32));
        advance();
        account.api().get("/api/subscriptions/me").then()
                .body("status", equalTo("ACTIVE"))
                .body("currentPeriodStart", equalTo(firstEnd))
                .body("usage.messages", equalTo(0));
        Instant nextEnd = Instant.parse(account.api().get("/api/subscriptions/me").then().extract()
                .path("currentPeriodEnd"));
        assertEquals(true, nextEnd.isAfter(TestClock.CLOCK.instant()));
    }

    @Test
    void canceledPlanExpiresAtThePeriodEnd() {
        Accounts account = new Accounts();
        account.subscribe("PRO");
        account.api().delete("/api/subscriptions").then().statusCode(200);
        TestClock.CLOCK.advance(Duration.ofDays(32));
        advance();
        account.api().get("/api/subscriptions/me").then().body("status", equalTo("EXPIRED"));
    }

    /** What the scheduled job does on its tick, run now on a Vert.x context. */
    private void advance() {
        try {
            VertxContextSupport.subscribeAndAwait(() -> subscriptions.advancePeriods(10_000));
        } catch (Throwable e) {
            throw new AssertionError("lifecycle run failed", e);
        }
    }
}

// The bot allowance comes from billing.entitlements (via the local read model): no plan means no
// bots, and a new entitlement on the broker changes what the next create may do.
package app.botfactory.bots;

import app.botfactory.testsupport.PlatformTestResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

@QuarkusTest
@WithTestResource(PlatformTestResource.class)
class PlanLimitTests {

    @Inject
    Pool pool;

    @Test
    void ownerWithoutSubscriptionGetsPlanLimit() {
        new Owners().createBot(Map.of("name", "Hopeful"))
                .then().statusCode(403)
                .contentType("application/problem+json")
                .body("type", equalTo("plan-limit"))
                .body("detail", containsString("trial"));
    }

    @Test
    void enforcesTheLimitBillingPublishesAndFollowsAnUpgrade() {
        Owners owner = new Owners().grant(pool, "TRIAL", "TRIALING", 1);
        owner.createBot("One");
        owner.createBot(Map.of("name", "Two")).then().statusCode(403).body("type", equalTo("plan-limit"))
                .body("detail", containsString("TRIAL plan allows 1 bot"));

        owner.grant(pool, "PRO", "ACTIVE", 2);
        owner.createBot("Two");
        owner.createBot(Map.of("name", "Three")).then().statusCode(403);
    }

    @Test
    void expiredSubscriptionAllowsNoNewBots() {
        Owners owner = new Owners().grant(pool, "STARTER", "ACTIVE", 3);
        owner.createBot("Before expiry");
        owner.grant(pool, "STARTER", "EXPIRED", 3);
        owner.createBot(Map.of("name", "After expiry")).then().statusCode(403).body("type", equalTo("plan-limit"));
        owner.api().get("/api/bots").then().statusCode(200).body("size()", equalTo(1));
    }

    @Test
    void deletingABotFreesItsSlot() {
        Owners owner = new Owners().grant(pool, "TRIAL", "TRIALING", 1);
        String id = owner.createBot("Only");
        owner.api().delete("/api/bots/" + id).then().statusCode(204);
        owner.createBot("Replacement");
    }
}

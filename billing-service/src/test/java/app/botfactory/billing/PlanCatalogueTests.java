// The public plan catalogue comes from migrations and is served without a token.
package app.botfactory.billing;

import app.botfactory.testsupport.PlatformTestResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.greaterThan;

@QuarkusTest
@WithTestResource(PlatformTestResource.class)
class PlanCatalogueTests {

    @Test
    void servesTheFourPlansPubliclyCheapestFirst() {
        given().get("/api/plans")
                .then().statusCode(200)
                .body("code", contains("TRIAL", "STARTER", "PRO", "BUSINESS"))
                .body("currency", everyItem(equalTo("USD")))
                .body("botLimit", everyItem(greaterThan(0)))
                .body("monthlyMessageLimit", everyItem(greaterThan(0)))
                .body("[0].priceMonthlyCents", equalTo(0))
                .body("[0].trialDays", equalTo(14))
                .body("[2].priceMonthlyCents", equalTo(4900))
                .body("[2].botLimit", equalTo(3));
    }
}

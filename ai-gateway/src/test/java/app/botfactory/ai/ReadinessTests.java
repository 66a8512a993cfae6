// The skeleton is a real service: it migrates its own schema and is ready only with Postgres and Kafka.
package app.botfactory.ai;

import app.botfactory.testsupport.PlatformTestResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.junit.jupiter.api.Assertions.assertTrue;

@QuarkusTest
@WithTestResource(PlatformTestResource.class)
class ReadinessTests {

    @Inject
    Pool pool;

    @Test
    void isReadyWithDatabaseAndKafka() {
        given().get("/q/health/ready")
                .then().statusCode(200)
                .body("status", equalTo("UP"))
                .body("checks.name", hasItem(containsString("Database")))
                .body("checks.name", hasItem(containsString("Kafka")));
    }

    @Test
    void migratesItsOwnSchemaOnly() {
        long applied = pool.query(
                "SELECT count(*) FROM ai.flyway_schema_history WHERE success AND type = 'SQL'")
                .execute()
                .map(rows -> rows.iterator().next().getLong(0))
                .await().atMost(Duration.ofSeconds(10));
        assertTrue(applied >= 1, "its migrations ran in its own schema");
    }
}

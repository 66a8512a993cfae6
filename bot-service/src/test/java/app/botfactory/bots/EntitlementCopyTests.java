// The entitlement copy is written by two parties that can meet on a brand-new owner: the
// billing.entitlements consumer and the read-your-writes refresh of a bot creation. A row another
// writer stores in the meantime must end up updated, not turn the creation into a 500.
package app.botfactory.bots;

import app.botfactory.bots.domain.Entitlement;
import app.botfactory.bots.repository.EntitlementRepository;
import app.botfactory.testsupport.PlatformTestResource;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.vertx.RunOnVertxContext;
import io.quarkus.test.vertx.UniAsserter;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;

@QuarkusTest
@WithTestResource(PlatformTestResource.class)
class EntitlementCopyTests {

    @Inject
    Pool pool;

    @Inject
    EntitlementRepository entitlements;

    @Test
    @RunOnVertxContext
    void anOwnerStoredByAnotherWriterMeanwhileIsUpdatedNotRefused(UniAsserter asserter) {
        UUID owner = UUID.randomUUID();
        Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
        asserter.assertThat(() -> pool.getConnection().chain(other -> other.begin().chain(tx -> other
                        .preparedQuery("""
                                INSERT INTO bots.entitlements (owner_id, plan, status, bot_limit, monthly_message_limit,
                                    messages_used, updated_at) VALUES ($1, 'TRIAL', 'TRIALING', 1, 100, 0, now())""")
                        .execute(Tuple.of(owner))
                        .chain(() -> {
                            // Our write starts while the other writer's row is not committed yet, then waits on it.
                            Uni<Entitlement> ours = Panache.withTransaction(() -> entitlements.upsert(owner, "STARTER",
                                    "ACTIVE", 3, 2000, 0, null, now)).memoize().indefinitely();
                            ours.subscribe().with(ignored -> { }, ignored -> { });
                            return Uni.createFrom().voidItem().onItem().delayIt().by(Duration.ofMillis(300))
                                    .chain(tx::commit)
                                    .chain(() -> ours);
                        })
                        .eventually(other::close))),
                stored -> assertEquals("STARTER", stored.plan));
        asserter.assertThat(() -> pool.preparedQuery(
                        "SELECT plan, status, bot_limit FROM bots.entitlements WHERE owner_id = $1")
                        .execute(Tuple.of(owner)),
                rows -> {
                    Row row = rows.iterator().next();
                    assertEquals("STARTER", row.getString("plan"));
                    assertEquals("ACTIVE", row.getString("status"));
                    assertEquals(3, row.getInteger("bot_limit"));
                });
    }
}

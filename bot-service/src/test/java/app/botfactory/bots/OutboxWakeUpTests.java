// The outbox relay is woken by the Postgres NOTIFY its table's trigger sends at commit: with the
// fallback poll set to an hour, a change still reaches the broker, so delivery does not depend on
// polling (which is what keeps the idle platform quiet and the message path fast).
package app.botfactory.bots;

import app.botfactory.testsupport.PlatformTestResource;
import app.botfactory.testsupport.TestKafkaClient;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.inject.Inject;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

@QuarkusTest
@WithTestResource(PlatformTestResource.class)
@TestProfile(OutboxWakeUpTests.HourlyPoll.class)
class OutboxWakeUpTests {

    /** Polling so rare that only a NOTIFY can bring the relay round within the test's wait. */
    public static class HourlyPoll implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("botfactory.outbox.interval", "1h");
        }
    }

    @Inject
    Pool pool;

    @Test
    void committedEventsLeaveWithoutWaitingForThePoll() throws Exception {
        Owners owner = new Owners().grant(pool, "STARTER", "ACTIVE", 3);
        // Let the relay's first (start-up) round pass, so the next one can only come from a wake-up.
        Thread.sleep(2500);
        String first = owner.createBot("Woken once");
        List<ConsumerRecord<String, String>> records = TestKafkaClient.await(Owners.kafka(), "bot.events",
                r -> first.equals(r.key()), 1, Duration.ofSeconds(20));
        assertEquals(1, records.size());

        String second = owner.createBot("Woken twice");
        assertEquals(1, TestKafkaClient.await(Owners.kafka(), "bot.events",
                r -> second.equals(r.key()), 1, Duration.ofSeconds(20)).size());
    }
}

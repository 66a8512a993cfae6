// The outbox relay is woken by the Postgres NOTIFY its table's trigger sends at commit: with the
// fallback poll set to an hour, a change still reaches the broker, so delivery does not depend on
// polling (which is what keeps the idle platform quiet and the message path fast). The notification
// names the lowest seq a statement added and the relay reads from there, so the tests also pin down
// that a row whose transaction commits after a later one's is not skipped.
package app.botfactory.bots;

import app.botfactory.testsupport.PlatformTestResource;
import app.botfactory.testsupport.TestKafkaClient;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.pgclient.PgConnection;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Transaction;
import io.vertx.mutiny.sqlclient.Tuple;
import io.vertx.pgclient.PgConnectOptions;
import jakarta.inject.Inject;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

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

    @Inject
    Vertx vertx;

    @ConfigProperty(name = "quarkus.datasource.reactive.url")
    String url;

    @ConfigProperty(name = "quarkus.datasource.username")
    String user;

    @ConfigProperty(name = "quarkus.datasource.password")
    String password;

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

    @Test
    void aRowWhoseTransactionCommitsAfterALaterOnesStillLeaves() throws Exception {
        Thread.sleep(2500); // past the start-up round, which reads the whole table
        String early = "gap-early-" + UUID.randomUUID();
        String late = "gap-late-" + UUID.randomUUID();
        SqlConnection slow = pool.getConnection().await().atMost(Duration.ofSeconds(10));
        try {
            Transaction tx = slow.begin().await().atMost(Duration.ofSeconds(10));
            long earlySeq = addOutboxRow(slow, early); // the lower seq, not committed yet
            long lateSeq = addOutboxRow(pool, late);   // a higher seq, committed at once
            assertTrue(earlySeq < lateSeq);
            assertEquals(1, TestKafkaClient.await(Owners.kafka(), "bot.events",
                    r -> late.equals(r.key()), 1, Duration.ofSeconds(20)).size());
            tx.commit().await().atMost(Duration.ofSeconds(10));
            assertEquals(1, TestKafkaClient.await(Owners.kafka(), "bot.events",
                    r -> early.equals(r.key()), 1, Duration.ofSeconds(20)).size());
        } finally {
            slow.close().await().atMost(Duration.ofSeconds(10));
        }
    }

    @Test
    void theNotificationNamesTheLowestSeqTheStatementAdded() throws Exception {
        PgConnectOptions options = PgConnectOptions.fromUri(url.replaceFirst("^vertx-reactive:", ""))
                .setUser(user).setPassword(password);
        PgConnection listener = PgConnection.connect(vertx, options).await().atMost(Duration.ofSeconds(10));
        BlockingQueue<String> payloads = new ArrayBlockingQueue<>(16);
        try {
            listener.notificationHandler(n -> payloads.add(n.getPayload()));
            listener.query("LISTEN outbox_bots").execute().await().atMost(Duration.ofSeconds(10));
            String key = "notify-" + UUID.randomUUID();
            List<Long> seqs = pool.preparedQuery("""
                    INSERT INTO bots.outbox (event_id, topic, message_key, payload, created_at, attempts)
                    SELECT gen_random_uuid(), 'bot.events', $1, '{}', now(), 0 FROM generate_series(1, 3)
                    RETURNING seq""").execute(Tuple.of(key)).await().atMost(Duration.ofSeconds(10))
                    .stream().map(row -> row.getLong(0)).sorted().toList();
            String payload = payloads.poll(10, TimeUnit.SECONDS);
            assertNotNull(payload, "no notification for a committed outbox insert");
            assertEquals(String.valueOf(seqs.get(0)), payload);
            assertEquals(3, TestKafkaClient.await(Owners.kafka(), "bot.events",
                    r -> key.equals(r.key()), 3, Duration.ofSeconds(20)).size());
        } finally {
            listener.close().await().atMost(Duration.ofSeconds(10));
        }
    }

    private static long addOutboxRow(SqlClient client, String key) {
        return client.preparedQuery("""
                INSERT INTO bots.outbox (event_id, topic, message_key, payload, created_at, attempts)
                VALUES (gen_random_uuid(), 'bot.events', $1, '{}', now(), 0) RETURNING seq""")
                .execute(Tuple.of(key)).await().atMost(Duration.ofSeconds(10)).iterator().next().getLong(0);
    }
}

// The webhook's group commit against the real Postgres: updates that arrive while a flush is in
// flight are written together by the next one. A test holds the first flush back with a table lock
// (and waits on the service's queue gauges, not on time), so the second batch's content is known.
package app.botfactory.telegram;

import app.botfactory.testsupport.TelegramStandIn;
import app.botfactory.testsupport.TestKafkaClient;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlConnection;
import jakarta.inject.Inject;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

@QuarkusTest
@WithTestResource(TelegramTestResource.class)
class GroupCommitTests {

    private static final Duration WAIT = Duration.ofSeconds(20);

    @Inject
    Pool pool;

    @Inject
    MeterRegistry registry;

    private final TelegramStandIn telegram = TelegramTestResource.telegram();

    @Test
    void aDuplicateInsideOneGroupCommitCountsOnce() {
        TelegramFixtures bot = new TelegramFixtures().connected(pool, telegram);
        long first = TelegramFixtures.nextUpdateId();
        long twice = TelegramFixtures.nextUpdateId();

        List<Integer> statuses = inOneGroupCommit(bot, first, List.of(twice, twice));
        assertEquals(List.of(200, 200, 200), statuses);
        List<ConsumerRecord<String, String>> records = inbound(bot);
        assertEquals(2, records.size(), "one chat.inbound record per update");
        assertEquals(1, records.stream().filter(r -> r.value().contains(":" + twice + "\"")).count());
    }

    @Test
    void aFailedGroupCommitFailsEveryUpdateInItAndTheRedeliveryIsTakenInOnce() {
        TelegramFixtures bot = new TelegramFixtures().connected(pool, telegram);
        long before = TelegramFixtures.nextUpdateId();
        long poisoned = TelegramFixtures.nextUpdateId();
        long innocent = TelegramFixtures.nextUpdateId();
        // The database refuses the poisoned update, so the whole flush it is part of fails.
        execute("ALTER TABLE telegram.processed_updates ADD CONSTRAINT test_poison CHECK (update_id <> "
                + poisoned + ")");
        try {
            List<Integer> statuses = inOneGroupCommit(bot, before, List.of(poisoned, innocent));
            assertEquals(List.of(200, 503, 503), statuses, "nothing half-done: the whole flush failed");
            assertEquals(0, TelegramFixtures.count(pool, "SELECT count(*) FROM telegram.processed_updates "
                    + "WHERE update_id IN (" + poisoned + ", " + innocent + ") AND bot_id = $1", bot.botId));
        } finally {
            execute("ALTER TABLE telegram.processed_updates DROP CONSTRAINT IF EXISTS test_poison");
        }

        assertEquals(200, post(bot, poisoned, "Xabar " + poisoned).join(), "Telegram's redelivery");
        assertEquals(200, post(bot, innocent, "Xabar " + innocent).join());
        assertEquals(200, post(bot, poisoned, "Xabar " + poisoned).join());
        List<ConsumerRecord<String, String>> records = inbound(bot);
        assertEquals(3, records.size(), "each update exactly once: " + records);
    }

    /**
     * Posts `held` and keeps its flush from committing until all of `together` have arrived, so they
     * are written by the next flush, together. Answers the statuses in that order.
     */
    private List<Integer> inOneGroupCommit(TelegramFixtures bot, long held, List<Long> together) {
        SqlConnection lock = holdTheFlush();
        List<CompletableFuture<Integer>> posts = new ArrayList<>();
        try {
            posts.add(post(bot, held, "Birinchi"));
            await().atMost(WAIT).until(() -> gauge("botfactory.telegram.webhook.flushing") == 1);
            together.forEach(updateId -> posts.add(post(bot, updateId, "Xabar " + updateId)));
            await().atMost(WAIT).until(() -> gauge("botfactory.telegram.webhook.queued") == together.size());
        } finally {
            release(lock);
        }
        return posts.stream().map(CompletableFuture::join).toList();
    }

    private CompletableFuture<Integer> post(TelegramFixtures bot, long updateId, String text) {
        String update = TelegramFixtures.textUpdate(updateId, 950, text);
        return CompletableFuture.supplyAsync(() -> bot.webhook().body(update)
                .post("/telegram/webhook/" + bot.botId).then().extract().statusCode());
    }

    /** A transaction that keeps every flush from writing processed_updates until it ends. */
    private SqlConnection holdTheFlush() {
        SqlConnection connection = pool.getConnection().await().atMost(WAIT);
        connection.query("BEGIN").execute().await().atMost(WAIT);
        connection.query("LOCK TABLE telegram.processed_updates IN SHARE ROW EXCLUSIVE MODE").execute()
                .await().atMost(WAIT);
        return connection;
    }

    private static void release(SqlConnection connection) {
        connection.query("ROLLBACK").execute().await().atMost(WAIT);
        connection.close().await().atMost(WAIT);
    }

    private void execute(String sql) {
        pool.query(sql).execute().await().atMost(WAIT);
    }

    private double gauge(String name) {
        return registry.get(name).gauge().value();
    }

    private static List<ConsumerRecord<String, String>> inbound(TelegramFixtures bot) {
        return TestKafkaClient.collect(TelegramFixtures.kafka(), "chat.inbound",
                r -> r.key() != null && r.key().startsWith(bot.botId + ":"), Duration.ofSeconds(4));
    }
}

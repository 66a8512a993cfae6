// Failed-login counters in a fixed window, shared by every replica through Postgres.
// Plain SQL on the reactive pool: an atomic upsert is clearer here than an entity.
package app.botfactory.accounts.repository;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

@ApplicationScoped
public class LoginThrottleRepository {

    /** The counter of one key inside its current window. */
    public record Counter(String key, int failures, Instant windowStartedAt) { }

    private static final String RECORD_FAILURE = """
            INSERT INTO accounts.login_throttle AS t (throttle_key, failures, window_started_at)
            VALUES ($1, 1, $2)
            ON CONFLICT (throttle_key) DO UPDATE SET
              failures = CASE WHEN t.window_started_at <= $3 THEN 1 ELSE t.failures + 1 END,
              window_started_at = CASE WHEN t.window_started_at <= $3 THEN $2 ELSE t.window_started_at END
            """;

    private final Pool pool;

    public LoginThrottleRepository(Pool pool) {
        this.pool = pool;
    }

    public Uni<List<Counter>> openCounters(List<String> keys, Instant windowOpenedAfter) {
        return pool.preparedQuery("""
                        SELECT throttle_key, failures, window_started_at FROM accounts.login_throttle
                        WHERE throttle_key = ANY($1) AND window_started_at > $2""")
                .execute(Tuple.of(keys.toArray(String[]::new), utc(windowOpenedAfter)))
                .map(rows -> {
                    List<Counter> counters = new ArrayList<>();
                    for (Row row : rows) {
                        counters.add(new Counter(row.getString(0), row.getInteger(1),
                                row.getOffsetDateTime(2).toInstant()));
                    }
                    return counters;
                });
    }

    public Uni<Void> recordFailure(String key, Instant now, Instant windowOpenedAfter) {
        return pool.preparedQuery(RECORD_FAILURE)
                .execute(Tuple.of(key, utc(now), utc(windowOpenedAfter)))
                .replaceWithVoid();
    }

    public Uni<Void> clear(String key) {
        return pool.preparedQuery("DELETE FROM accounts.login_throttle WHERE throttle_key = $1")
                .execute(Tuple.of(key))
                .replaceWithVoid();
    }

    public Uni<Integer> deleteWindowsBefore(Instant cutoff) {
        return pool.preparedQuery("DELETE FROM accounts.login_throttle WHERE window_started_at <= $1")
                .execute(Tuple.of(utc(cutoff)))
                .map(rows -> rows.rowCount());
    }

    private static OffsetDateTime utc(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }
}

// Publishes committed outbox rows to Kafka in order and deletes each once the broker acked it.
// It runs when told: a trigger on the service's `outbox` table (migration V9__outbox_notify.sql)
// sends a Postgres NOTIFY on `outbox_<schema>` when a transaction that added rows commits, and the
// relay LISTENs for it, so an event leaves within milliseconds without polling. A slow poll
// (botfactory.outbox.interval) covers a lost notification or listener connection. If Kafka is
// down the rows simply wait for the next round. One relay at a time across replicas (advisory
// lock), so per-bot event order holds when the service is scaled out. Plain SQL on the reactive
// pool rather than Hibernate: this loop runs for every message, and entities buy nothing here.
package app.botfactory.platform.outbox;

import app.botfactory.platform.web.RepeatingTask;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import io.vertx.core.Vertx;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.pgclient.pubsub.PgSubscriber;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.jboss.logging.Logger;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;

@ApplicationScoped
public class OutboxRelay {

    private static final Logger LOG = Logger.getLogger(OutboxRelay.class);
    private static final long NONE = Long.MAX_VALUE;

    /** One committed outbox row, as read for publishing. */
    private record Pending(long seq, UUID eventId, String topic, String key, String payload, String headers) { }

    private final Pool pool;
    private final MutinyEmitter<String> emitter;
    private final ObjectMapper json;
    private final int batchSize;
    private final long relayLock;
    private final String schema;
    private final String selectSql;
    private final Duration interval;
    private final String deleteSql;
    private final AtomicLong pendingGauge = new AtomicLong();
    /** The lowest seq announced by a notification since a round last took it (NONE: no news; 0: unknown). */
    private final AtomicLong announced = new AtomicLong(NONE);
    /** Where the next round must start at the latest: a row left unpublished, or a full batch's end. */
    private volatile long resumeFrom = 0;
    private volatile long lastFullScan;
    private volatile RepeatingTask task;
    private volatile PgSubscriber subscriber;

    public OutboxRelay(Pool pool, @Channel("outbox") MutinyEmitter<String> emitter, ObjectMapper json,
                       MeterRegistry registry,
                       @ConfigProperty(name = "botfactory.outbox.batch-size", defaultValue = "200") int batchSize,
                       @ConfigProperty(name = "botfactory.outbox.interval", defaultValue = "PT1S") Duration interval,
                       @ConfigProperty(name = "quarkus.application.name") String service,
                       @ConfigProperty(name = "quarkus.hibernate-orm.database.default-schema") String schema) {
        this.pool = pool;
        this.emitter = emitter;
        this.json = json;
        this.batchSize = batchSize;
        this.schema = schema;
        // Per service: all services share one database and must not block each other.
        this.relayLock = ("outbox-relay:" + service).hashCode();
        this.interval = interval;
        this.lastFullScan = System.nanoTime() - interval.toNanos();
        this.selectSql = "SELECT seq, event_id, topic, message_key, payload, headers FROM " + schema
                + ".outbox WHERE seq >= $1 ORDER BY seq LIMIT $2";
        this.deleteSql = "DELETE FROM " + schema + ".outbox WHERE seq = ANY($1)";
        registry.gauge("botfactory.outbox.pending", pendingGauge);
    }

    void start(@Observes StartupEvent event, Vertx vertx,
               @ConfigProperty(name = "botfactory.outbox.listen", defaultValue = "true") boolean listen,
               @ConfigProperty(name = "quarkus.datasource.reactive.url") String url,
               @ConfigProperty(name = "quarkus.datasource.username") Optional<String> user,
               @ConfigProperty(name = "quarkus.datasource.password") Optional<String> password) {
        task = RepeatingTask.start(vertx, "outbox relay", Duration.ofSeconds(2), interval, this::drain);
        if (listen) {
            listen(vertx, url, user, password);
        }
    }

    void stop(@Observes ShutdownEvent event) {
        if (task != null) {
            task.stop();
        }
        if (subscriber != null) {
            subscriber.close();
        }
    }

    /** LISTEN on its own connection (reconnecting after a second when it drops) and run a round per wake-up. */
    private void listen(Vertx vertx, String url, Optional<String> user, Optional<String> password) {
        PgConnectOptions options = PgConnectOptions.fromUri(url.replaceFirst("^vertx-reactive:", ""));
        user.ifPresent(options::setUser);
        password.ifPresent(options::setPassword);
        options.setMetricsName("outbox-listener"); // its own pool metrics, not a clash with the datasource's
        PgSubscriber s = PgSubscriber.subscriber(vertx, options).reconnectPolicy(retries -> 1000L);
        s.channel("outbox_" + schema).handler(payload -> {
            announced.accumulateAndGet(firstSeq(payload), Math::min);
            RepeatingTask t = task;
            if (t != null) {
                t.wake();
            }
        });
        s.connect().onComplete(ar -> {
            if (ar.failed()) {
                LOG.warnf("outbox relay cannot LISTEN (%s); polling every interval instead", ar.cause().getMessage());
            }
        });
        subscriber = s;
    }

    /** A notification's payload: the first seq it announces, or 0 (scan from the start) if unreadable. */
    private static long firstSeq(String payload) {
        try {
            return Math.max(0, Long.parseLong(payload));
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    /**
     * One round: publish up to a batch, in order, from the lowest seq that may hold news (the head of
     * the table once per interval); returns how many rows it published if more may be waiting right
     * behind them (a whole batch), else 0. Rounds never overlap (RepeatingTask), so the fields are safe.
     */
    Uni<Integer> drain() {
        long news = announced.getAndSet(NONE);
        long now = System.nanoTime();
        long from;
        if (now - lastFullScan >= interval.toNanos()) {
            from = 0;
            lastFullScan = now;
        } else {
            from = Math.min(news, resumeFrom);
        }
        if (from == NONE) {
            return Uni.createFrom().item(0); // woken with nothing announced: nothing to read
        }
        resumeFrom = NONE;
        return pool.withTransaction(conn -> conn.preparedQuery("SELECT pg_try_advisory_xact_lock($1)")
                        .execute(Tuple.of(relayLock))
                        .map(rows -> rows.iterator().next().getBoolean(0))
                        .chain(locked -> {
                            if (!locked) { // another replica is relaying: keep the news for a later round
                                announced.accumulateAndGet(news, Math::min);
                                return Uni.createFrom().item(0);
                            }
                            return publishBatch(conn, from);
                        }))
                .onFailure().invoke(e -> resumeFrom = 0); // a failed round is retried from the start
    }

    private Uni<Integer> publishBatch(SqlConnection conn, long from) {
        return conn.preparedQuery(selectSql).execute(Tuple.of(from, batchSize)).chain(result -> {
            List<Pending> rows = new ArrayList<>();
            for (Row r : result) {
                rows.add(new Pending(r.getLong("seq"), r.getUUID("event_id"), r.getString("topic"),
                        r.getString("message_key"), r.getString("payload"), r.getString("headers")));
            }
            if (rows.isEmpty()) {
                pendingGauge.set(0);
                return Uni.createFrom().item(0);
            }
            // Different keys go out concurrently; the events of one key strictly one after another, and
            // a failure stops that key's chain, so a retry can never overtake an earlier event.
            Map<String, List<Pending>> byKey = new LinkedHashMap<>();
            rows.forEach(row -> byKey.computeIfAbsent(row.key(), k -> new ArrayList<>()).add(row));
            List<Uni<List<Long>>> chains = new ArrayList<>();
            byKey.values().forEach(chain -> chains.add(sendInOrder(chain, 0, new ArrayList<>())));
            return Uni.join().all(chains).andCollectFailures().chain(acked -> {
                Long[] done = acked.stream().flatMap(List::stream).toArray(Long[]::new);
                LOG.debugf("outbox batch from=%d rows=%d published=%d", from, rows.size(), done.length);
                pendingGauge.set(rows.size() - done.length);
                resumeFrom = nextStart(rows, done);
                boolean more = rows.size() >= batchSize && done.length == rows.size();
                return done.length == 0 ? Uni.createFrom().item(0)
                        : conn.preparedQuery(deleteSql).execute(Tuple.of(done)).map(r -> more ? r.rowCount() : 0);
            });
        });
    }

    /**
     * Where the next round starts at the latest: the first row left unpublished (its key's later rows
     * must wait behind it), else right after a whole batch (more may follow), else nowhere in particular.
     */
    private long nextStart(List<Pending> rows, Long[] done) {
        if (done.length < rows.size()) {
            Set<Long> published = Set.of(done);
            return rows.stream().mapToLong(Pending::seq).filter(seq -> !published.contains(seq)).min().orElse(0);
        }
        return rows.size() >= batchSize ? rows.get(rows.size() - 1).seq() + 1 : NONE;
    }

    private Uni<List<Long>> sendInOrder(List<Pending> chain, int index, List<Long> acked) {
        if (index == chain.size()) {
            return Uni.createFrom().item(acked);
        }
        return send(chain.get(index)).chain(seq -> {
            if (seq == null) {
                return Uni.createFrom().item(acked);
            }
            acked.add(seq);
            return sendInOrder(chain, index + 1, acked);
        });
    }

    /** The row's seq once the broker acked it, or null when it has to wait for the next round. */
    private Uni<Long> send(Pending row) {
        RecordHeaders headers = new RecordHeaders();
        headers.add("eventId", row.eventId().toString().getBytes(StandardCharsets.UTF_8));
        extraHeaders(row).forEach((name, value) -> headers.add(name, value.getBytes(StandardCharsets.UTF_8)));
        OutgoingKafkaRecordMetadata<String> metadata = OutgoingKafkaRecordMetadata.<String>builder()
                .withTopic(row.topic())
                .withKey(row.key())
                .withHeaders(headers)
                .build();
        return emitter.sendMessage(Message.of(row.payload()).addMetadata(metadata))
                .map(ignored -> row.seq())
                .onFailure().recoverWithItem(e -> {
                    LOG.warnf("outbox publish deferred seq=%d topic=%s reason=%s", row.seq(), row.topic(),
                            e.getMessage());
                    return null;
                });
    }

    private Map<String, String> extraHeaders(Pending row) {
        if (row.headers() == null) {
            return Map.of();
        }
        try {
            return json.readValue(row.headers(), new TypeReference<Map<String, String>>() { });
        } catch (Exception e) {
            LOG.warnf("outbox row seq=%d has unreadable headers; sending without them", row.seq());
            return Map.of();
        }
    }
}

// The reply queue on the raw reactive client, every operation one statement: idempotent enqueue of
// many replies by messageId, claiming the oldest due reply of each chat (so a chat's replies go out
// in order) with a lease, so replicas never send the same one twice, and writing back all outcomes
// of a dispatcher pass, with their dead letters, at once. Two ways to claim: by id, for replies this
// process just queued or found next in line (a few index lookups), and a sweep over every pending
// reply for the fallback poll. The sweep reads the whole pending index, whose dead entries (every
// reply sent since the last vacuum) and backlog make it cost milliseconds under load, which is why
// it is not the hot path.
package app.botfactory.telegram.repository;

import app.botfactory.telegram.domain.DeadLetter;
import app.botfactory.telegram.domain.Delivery;
import app.botfactory.telegram.domain.DeliveryOutcome;
import app.botfactory.telegram.domain.NewDelivery;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.UUID;

import static app.botfactory.telegram.repository.SqlColumns.column;
import static app.botfactory.telegram.repository.SqlColumns.utc;

@ApplicationScoped
public class DeliveryRepository {

    /** A statement's dead letters: a data-modifying CTE over parameters $1-$6 (deadLetterParams). */
    private static final String DEAD_LETTERS = """
            dead AS (
                INSERT INTO telegram.outbox (event_id, topic, message_key, payload, created_at, attempts, headers)
                SELECT x.event_id, $5, x.message_key, x.payload, $6, 0, x.headers
                FROM unnest($1::uuid[], $2::text[], $3::text[], $4::text[])
                    WITH ORDINALITY AS x(event_id, message_key, payload, headers, ord)
                ORDER BY x.ord
                ON CONFLICT (event_id) DO NOTHING
            )""";

    private static final String ENQUEUE = "WITH " + DEAD_LETTERS + """

            INSERT INTO telegram.deliveries (message_id, bot_id, chat_id, kind, text, payload, status, parts_sent,
                                             attempts, next_attempt_at, created_at)
            SELECT n.message_id, n.bot_id, n.chat_id, n.kind, n.text, n.payload, 'PENDING', 0, 0, n.at, n.at
            FROM unnest($7::text[], $8::uuid[], $9::text[], $10::text[], $11::text[], $12::text[],
                        $13::timestamptz[]) AS n(message_id, bot_id, chat_id, kind, text, payload, at)
            ON CONFLICT (message_id) DO NOTHING""";

    private static final String CLAIMED = """
            RETURNING d.message_id, d.bot_id, d.chat_id, d.kind, d.text, d.payload, d.status, d.parts_sent,
                      d.attempts, d.next_attempt_at, d.last_error, d.created_at,
                      (SELECT c.token_sealed FROM telegram.connections c WHERE c.bot_id = d.bot_id) AS token_sealed""";

    private static final String CLAIM = """
            UPDATE telegram.deliveries d SET next_attempt_at = $2
            WHERE d.message_id IN (
                SELECT h.message_id FROM (
                    SELECT DISTINCT ON (bot_id, chat_id) message_id, next_attempt_at
                    FROM telegram.deliveries WHERE status = 'PENDING'
                    ORDER BY bot_id, chat_id, created_at) h
                WHERE h.next_attempt_at <= $1
                ORDER BY h.next_attempt_at LIMIT $3)
              AND d.status = 'PENDING' AND d.next_attempt_at <= $1
            """ + CLAIMED;

    /** The named replies that are due and the oldest pending of their chat (same rule as CLAIM). */
    private static final String CLAIM_IDS = """
            UPDATE telegram.deliveries d SET next_attempt_at = $2
            WHERE d.message_id = ANY($3::varchar[]) AND d.status = 'PENDING' AND d.next_attempt_at <= $1
              AND NOT EXISTS (SELECT 1 FROM telegram.deliveries o
                              WHERE o.bot_id = d.bot_id AND o.chat_id = d.chat_id AND o.status = 'PENDING'
                                AND o.created_at < d.created_at)
            """ + CLAIMED;

    /**
     * A reply that went out keeps its last error (what it survived); the others take the new one.
     * Answers, for each chat whose reply left the queue (sent or dead), the chat's next pending reply:
     * the statement reads the queue as it was before its own update, hence the `<>`.
     */
    private static final String RECORD = "WITH " + DEAD_LETTERS + ",\n" + """
            done AS (
                UPDATE telegram.deliveries d SET status = o.status, parts_sent = o.parts_sent,
                    next_attempt_at = o.next_attempt_at, attempts = o.attempts,
                    last_error = CASE WHEN o.status = 'SENT' THEN d.last_error ELSE o.last_error END,
                    sent_at = CASE WHEN o.status = 'SENT' THEN $6 ELSE d.sent_at END
                FROM unnest($7::text[], $8::text[], $9::int4[], $10::timestamptz[], $11::int4[], $12::text[])
                    AS o(message_id, status, parts_sent, next_attempt_at, attempts, last_error)
                WHERE d.message_id = o.message_id
                RETURNING d.message_id, d.bot_id, d.chat_id, o.status
            )
            SELECT in_line.message_id FROM done
            CROSS JOIN LATERAL (SELECT p.message_id FROM telegram.deliveries p
                                WHERE p.bot_id = done.bot_id AND p.chat_id = done.chat_id
                                  AND p.status = 'PENDING' AND p.message_id <> done.message_id
                                ORDER BY p.created_at LIMIT 1) in_line
            WHERE done.status <> 'PENDING'""";

    private final Pool pool;

    public DeliveryRepository(Pool pool) {
        this.pool = pool;
    }

    /**
     * Queues the replies (a messageId queued before is left alone) and appends the dead letters,
     * atomically; returns how many replies were new.
     */
    public Uni<Integer> enqueue(List<NewDelivery> replies, List<DeadLetter> dead, String deadLetterTopic,
                                Instant now) {
        List<Object> params = deadLetterParams(dead, deadLetterTopic, now);
        params.addAll(List.of(
                column(replies, NewDelivery::messageId, String[]::new),
                column(replies, NewDelivery::botId, UUID[]::new),
                column(replies, NewDelivery::chatId, String[]::new),
                column(replies, NewDelivery::kind, String[]::new),
                column(replies, NewDelivery::text, String[]::new),
                column(replies, NewDelivery::payload, String[]::new),
                column(replies, r -> utc(r.createdAt()), OffsetDateTime[]::new)));
        return pool.preparedQuery(ENQUEUE).execute(Tuple.from(params)).map(rows -> rows.rowCount());
    }

    /**
     * Leases up to `limit` due replies, at most one per chat (the oldest pending), by pushing their
     * next attempt past the lease. A replica that loses the race sees the new time and skips them.
     */
    public Uni<List<Delivery>> claimDue(Instant now, Instant leaseUntil, int limit) {
        return pool.preparedQuery(CLAIM).execute(Tuple.of(utc(now), utc(leaseUntil), limit))
                .map(DeliveryRepository::deliveries);
    }

    /** Leases those of the named replies that are due and first in their chat (see CLAIM_IDS). */
    public Uni<List<Delivery>> claim(List<String> messageIds, Instant now, Instant leaseUntil) {
        return pool.preparedQuery(CLAIM_IDS)
                .execute(Tuple.of(utc(now), utc(leaseUntil), messageIds.toArray(String[]::new)))
                .map(DeliveryRepository::deliveries);
    }

    /**
     * Writes these outcomes and their dead letters with one statement; returns the next pending reply
     * of each chat whose reply left the queue, to be claimed by id.
     */
    public Uni<List<String>> record(List<DeliveryOutcome> outcomes, String deadLetterTopic, Instant now) {
        List<DeadLetter> dead = outcomes.stream().map(DeliveryOutcome::deadLetter).filter(Objects::nonNull)
                .toList();
        List<Object> params = deadLetterParams(dead, deadLetterTopic, now);
        params.addAll(List.of(
                column(outcomes, DeliveryOutcome::messageId, String[]::new),
                column(outcomes, DeliveryOutcome::status, String[]::new),
                column(outcomes, DeliveryOutcome::partsSent, Integer[]::new),
                column(outcomes, o -> utc(o.nextAttemptAt()), OffsetDateTime[]::new),
                column(outcomes, DeliveryOutcome::attempts, Integer[]::new),
                column(outcomes, DeliveryOutcome::lastError, String[]::new)));
        return pool.preparedQuery(RECORD).execute(Tuple.from(params)).map(rows -> {
            List<String> next = new ArrayList<>(rows.size());
            rows.forEach(row -> next.add(row.getString(0)));
            return next;
        });
    }

    /**
     * Parameters $1-$6 of {@link #DEAD_LETTERS}. The event ids come with the letters, so a retry of a
     * statement whose commit went unconfirmed parks nothing twice.
     */
    private static List<Object> deadLetterParams(List<DeadLetter> dead, String topic, Instant now) {
        return new ArrayList<>(List.of(
                column(dead, DeadLetter::eventId, UUID[]::new),
                column(dead, DeadLetter::messageKey, String[]::new),
                column(dead, DeadLetter::payload, String[]::new),
                column(dead, DeadLetter::headersJson, String[]::new),
                topic, utc(now)));
    }

    private static List<Delivery> deliveries(RowSet<Row> rows) {
        List<Delivery> claimed = new ArrayList<>(rows.size());
        rows.forEach(row -> claimed.add(toDelivery(row)));
        return claimed;
    }

    private static Delivery toDelivery(Row row) {
        Delivery d = new Delivery();
        d.messageId = row.getString("message_id");
        d.botId = row.getUUID("bot_id");
        d.chatId = row.getString("chat_id");
        d.kind = row.getString("kind");
        d.text = row.getString("text");
        d.payload = row.getString("payload");
        d.status = row.getString("status");
        d.partsSent = row.getInteger("parts_sent");
        d.attempts = row.getInteger("attempts");
        d.nextAttemptAt = row.getOffsetDateTime("next_attempt_at").toInstant();
        d.lastError = row.getString("last_error");
        d.createdAt = row.getOffsetDateTime("created_at").toInstant();
        d.tokenSealed = row.getString("token_sealed");
        return d;
    }
}

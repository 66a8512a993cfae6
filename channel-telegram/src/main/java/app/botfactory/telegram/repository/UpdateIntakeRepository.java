// Writes one webhook group commit with a single statement (so it commits atomically without an
// explicit transaction): remember every (bot, update_id), and only for those never seen before
// append the chat.inbound outbox record or queue the /start welcome reply.
package app.botfactory.telegram.repository;

import app.botfactory.telegram.domain.AcceptedUpdate;
import app.botfactory.telegram.domain.NewDelivery;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;

import static app.botfactory.telegram.repository.SqlColumns.column;
import static app.botfactory.telegram.repository.SqlColumns.utc;

@ApplicationScoped
public class UpdateIntakeRepository {

    /** The batch arrives as parallel arrays; `ord` keeps the outbox in arrival order. */
    private static final String STORE = """
            WITH batch AS (
                SELECT * FROM unnest($1::uuid[], $2::int8[], $3::uuid[], $4::text[], $5::text[], $6::text[],
                                     $7::text[], $8::text[], $9::text[], $10::timestamptz[])
                    WITH ORDINALITY AS b(bot_id, update_id, event_id, message_key, inbound_payload, welcome_id,
                                         chat_id, welcome_text, welcome_payload, welcome_created_at, ord)
            ), fresh AS (
                INSERT INTO telegram.processed_updates (bot_id, update_id, received_at)
                SELECT bot_id, update_id, $11 FROM batch
                ON CONFLICT DO NOTHING
                RETURNING bot_id, update_id
            ), inbound AS (
                INSERT INTO telegram.outbox (event_id, topic, message_key, payload, created_at, attempts)
                SELECT b.event_id, $12, b.message_key, b.inbound_payload, $11, 0
                FROM batch b JOIN fresh f USING (bot_id, update_id)
                WHERE b.inbound_payload IS NOT NULL
                ORDER BY b.ord
            ), welcome AS (
                INSERT INTO telegram.deliveries (message_id, bot_id, chat_id, kind, text, payload, status,
                                                 parts_sent, attempts, next_attempt_at, created_at)
                SELECT b.welcome_id, b.bot_id, b.chat_id, 'WELCOME', b.welcome_text, b.welcome_payload,
                       'PENDING', 0, 0, b.welcome_created_at, b.welcome_created_at
                FROM batch b JOIN fresh f USING (bot_id, update_id)
                WHERE b.welcome_id IS NOT NULL
                ON CONFLICT (message_id) DO NOTHING
            )
            SELECT bot_id, update_id FROM fresh""";

    private final Pool pool;

    public UpdateIntakeRepository(Pool pool) {
        this.pool = pool;
    }

    /**
     * Stores the batch (which must not hold one update twice) and returns the updates seen for the
     * first time; the others were taken in before and changed nothing.
     */
    public Uni<List<AcceptedUpdate>> storeFirstSightings(List<AcceptedUpdate> batch, String inboundTopic,
                                                         Instant now) {
        OffsetDateTime at = utc(now);
        Tuple params = Tuple.from(new Object[] {
            column(batch, AcceptedUpdate::botId, UUID[]::new),
            column(batch, AcceptedUpdate::updateId, Long[]::new),
            column(batch, AcceptedUpdate::eventId, UUID[]::new),
            column(batch, AcceptedUpdate::messageKey, String[]::new),
            column(batch, AcceptedUpdate::inboundPayload, String[]::new),
            column(batch, u -> welcome(u, NewDelivery::messageId), String[]::new),
            column(batch, u -> welcome(u, NewDelivery::chatId), String[]::new),
            column(batch, u -> welcome(u, NewDelivery::text), String[]::new),
            column(batch, u -> welcome(u, NewDelivery::payload), String[]::new),
            column(batch, u -> u.welcome() == null ? at : utc(u.welcome().createdAt()), OffsetDateTime[]::new),
            at, inboundTopic});
        return pool.preparedQuery(STORE).execute(params).map(rows -> {
            Set<String> fresh = new HashSet<>();
            for (Row row : rows) {
                fresh.add(row.getUUID(0) + ":" + row.getLong(1));
            }
            return batch.stream().filter(u -> fresh.contains(u.botId() + ":" + u.updateId())).toList();
        });
    }

    private static String welcome(AcceptedUpdate update, Function<NewDelivery, String> field) {
        return update.welcome() == null ? null : field.apply(update.welcome());
    }
}

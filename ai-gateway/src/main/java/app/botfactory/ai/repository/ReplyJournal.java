// Records a batch of answered messages in ONE statement (so one implicit transaction, one round
// trip): claims each inbound messageId in ai.answered, and only for the messages it claimed appends
// the customer's and the bot's turn to ai.turns and the reply to the outbox. A messageId already
// answered (a redelivery, in an earlier batch or earlier in this one) claims nothing and writes
// nothing, which is what keeps one reply per inbound message. Raw reactive SQL, arrays unnested.
package app.botfactory.ai.repository;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

@ApplicationScoped
public class ReplyJournal {

    /**
     * One answered message: the claim (messageId -> outboundId, kind), the two turns of the chat's
     * memory (question at `at`, answer a microsecond later) and the outbox row carrying the reply.
     */
    public record Entry(String messageId, String outboundId, String kind, Instant at, UUID botId,
                        String chatKey, String question, String answer, UUID eventId, String topic,
                        String messageKey, String payload) { }

    // The `batch` CTE is read three times and so materialised once; the INSERTs in WITH run exactly
    // once each, and the turns and outbox rows keep the batch's order (their ids give memory order
    // and the relay's publishing order).
    private static final String WRITE = """
            WITH batch AS (
                SELECT * FROM unnest($1::varchar[], $2::varchar[], $3::varchar[], $4::timestamptz[],
                                     $5::uuid[], $6::varchar[], $7::text[], $8::text[], $9::uuid[],
                                     $10::varchar[], $11::varchar[], $12::text[])
                    WITH ORDINALITY AS b(message_id, outbound_id, kind, at, bot_id, chat_key, question,
                                         answer, event_id, topic, message_key, payload, ord)
            ), claimed AS (
                INSERT INTO ai.answered (message_id, outbound_id, kind, answered_at)
                SELECT message_id, outbound_id, kind, at FROM batch ORDER BY ord
                ON CONFLICT (message_id) DO NOTHING
                RETURNING message_id
            ), remembered AS (
                INSERT INTO ai.turns (bot_id, chat_key, role, text, created_at)
                SELECT b.bot_id, b.chat_key, t.role, t.text, t.at
                FROM batch b JOIN claimed c USING (message_id)
                CROSS JOIN LATERAL (VALUES (1, 'user', b.question, b.at),
                                           (2, 'model', b.answer, b.at + interval '1 microsecond'))
                    AS t(n, role, text, at)
                ORDER BY b.ord, t.n
            ), published AS (
                INSERT INTO ai.outbox (event_id, topic, message_key, payload, created_at, attempts)
                SELECT b.event_id, b.topic, b.message_key, b.payload, b.at, 0
                FROM batch b JOIN claimed c USING (message_id)
                ORDER BY b.ord
            )
            SELECT message_id FROM claimed""";

    private final Pool pool;

    public ReplyJournal(Pool pool) {
        this.pool = pool;
    }

    /** Whether the inbound message was answered already (its reply written). */
    public Uni<Boolean> answered(String messageId) {
        return pool.preparedQuery("SELECT EXISTS (SELECT 1 FROM ai.answered WHERE message_id = $1)")
                .execute(Tuple.of(messageId)).map(rows -> rows.iterator().next().getBoolean(0));
    }

    /**
     * Writes the batch; answers, per entry in order, whether it claimed its messageId (true: its turns
     * and reply are written) or found it answered already (false: nothing written for it).
     */
    public Uni<List<Boolean>> write(List<Entry> entries) {
        Map<String, Entry> distinct = new LinkedHashMap<>();
        entries.forEach(e -> distinct.putIfAbsent(e.messageId(), e));
        return pool.preparedQuery(WRITE).execute(arrays(List.copyOf(distinct.values())))
                .map(rows -> {
                    Set<String> claimed = new HashSet<>();
                    for (Row row : rows) {
                        claimed.add(row.getString(0));
                    }
                    List<Boolean> out = new ArrayList<>(entries.size());
                    // Only the first entry of a messageId may have claimed it; a repeat never does.
                    entries.forEach(e -> out.add(claimed.remove(e.messageId())));
                    return out;
                });
    }

    private static Tuple arrays(List<Entry> entries) {
        int n = entries.size();
        String[] messageIds = new String[n];
        String[] outboundIds = new String[n];
        String[] kinds = new String[n];
        OffsetDateTime[] ats = new OffsetDateTime[n];
        UUID[] botIds = new UUID[n];
        String[] chatKeys = new String[n];
        String[] questions = new String[n];
        String[] answers = new String[n];
        UUID[] eventIds = new UUID[n];
        String[] topics = new String[n];
        String[] messageKeys = new String[n];
        String[] payloads = new String[n];
        for (int i = 0; i < n; i++) {
            Entry e = entries.get(i);
            messageIds[i] = e.messageId();
            outboundIds[i] = e.outboundId();
            kinds[i] = e.kind();
            ats[i] = e.at().atOffset(ZoneOffset.UTC);
            botIds[i] = e.botId();
            chatKeys[i] = e.chatKey();
            questions[i] = e.question();
            answers[i] = e.answer();
            eventIds[i] = e.eventId();
            topics[i] = e.topic();
            messageKeys[i] = e.messageKey();
            payloads[i] = e.payload();
        }
        return Tuple.tuple().addValue(messageIds).addValue(outboundIds).addValue(kinds).addValue(ats)
                .addValue(botIds).addValue(chatKeys).addValue(questions).addValue(answers)
                .addValue(eventIds).addValue(topics).addValue(messageKeys).addValue(payloads);
    }
}

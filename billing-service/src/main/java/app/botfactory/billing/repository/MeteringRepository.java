// Metering of a whole chat.outbound batch inside the caller's transaction, with the raw reactive
// client: one multi-row statement per step whatever the batch size (Hibernate would cost one per row).
package app.botfactory.billing.repository;

import app.botfactory.billing.domain.Plan;
import app.botfactory.billing.domain.Subscription;
import app.botfactory.billing.domain.SubscriptionStatus;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.UUID;

@ApplicationScoped
public class MeteringRepository {

    /** An owner's subscription and plan as read (and row-locked) by {@link #lockAccounts}; not managed. */
    public record Account(Subscription subscription, Plan plan) { }

    /** A message to count for an account in the given period. */
    public record Counted(String messageId, UUID accountId, Instant periodStart) { }

    /** An account's message counter before and after a batch was added. */
    public record Usage(UUID accountId, int before, int after) { }

    // ORDER BY before the lock: Postgres locks rows as they leave the sort, so every replica takes
    // the locks of a batch in account order and two overlapping batches cannot deadlock.
    private static final String LOCK_ACCOUNTS = """
            SELECT s.account_id, s.plan_code, s.status, s.current_period_start, s.current_period_end,
                   p.bot_limit, p.monthly_message_limit
            FROM billing.subscriptions s JOIN billing.plans p ON p.code = s.plan_code
            WHERE s.account_id = ANY($1::uuid[])
            ORDER BY s.account_id
            FOR NO KEY UPDATE OF s""";

    private static final String MARK_COUNTED = """
            INSERT INTO billing.metered_messages (message_id, account_id, period_start, counted_at)
            SELECT m.id, m.account_id, m.period_start, $4
            FROM unnest($1::varchar[], $2::uuid[], $3::timestamptz[]) AS m(id, account_id, period_start)
            ON CONFLICT (message_id) DO NOTHING
            RETURNING account_id""";

    private static final String ADD_MESSAGES = """
            INSERT INTO billing.usage_counters AS u (account_id, period_start, messages)
            SELECT * FROM unnest($1::uuid[], $2::timestamptz[], $3::int[])
            ON CONFLICT (account_id, period_start) DO UPDATE SET messages = u.messages + excluded.messages
            RETURNING account_id, messages""";

    /** The subscriptions of these owners (those that have one), locked until the transaction ends. */
    public Uni<Map<UUID, Account>> lockAccounts(SqlConnection tx, Collection<UUID> owners) {
        return tx.preparedQuery(LOCK_ACCOUNTS)
                .execute(Tuple.tuple().addArrayOfUUID(owners.toArray(UUID[]::new)))
                .map(rows -> {
                    Map<UUID, Account> accounts = new HashMap<>();
                    rows.forEach(row -> accounts.put(row.getUUID("account_id"), account(row)));
                    return accounts;
                });
    }

    /**
     * Records the messages as counted; returns the account of each one not counted before (a
     * redelivered message id, or one repeated in the list, conflicts and is left out).
     */
    public Uni<List<UUID>> markCounted(SqlConnection tx, List<Counted> messages, Instant now) {
        if (messages.isEmpty()) {
            return Uni.createFrom().item(List.of());
        }
        Tuple params = Tuple.tuple()
                .addArrayOfString(messages.stream().map(Counted::messageId).toArray(String[]::new))
                .addArrayOfUUID(messages.stream().map(Counted::accountId).toArray(UUID[]::new))
                .addArrayOfOffsetDateTime(messages.stream().map(m -> utc(m.periodStart()))
                        .toArray(OffsetDateTime[]::new))
                .addOffsetDateTime(utc(now));
        return tx.preparedQuery(MARK_COUNTED).execute(params).map(rows -> {
            List<UUID> fresh = new ArrayList<>(rows.rowCount());
            rows.forEach(row -> fresh.add(row.getUUID("account_id")));
            return fresh;
        });
    }

    /** Adds each account's new messages to its counter for the current period, in account order. */
    public Uni<List<Usage>> addMessages(SqlConnection tx, SortedMap<UUID, Integer> added,
                                        Map<UUID, Account> accounts) {
        if (added.isEmpty()) {
            return Uni.createFrom().item(List.of());
        }
        Tuple params = Tuple.tuple()
                .addArrayOfUUID(added.keySet().toArray(UUID[]::new))
                .addArrayOfOffsetDateTime(added.keySet().stream()
                        .map(id -> utc(accounts.get(id).subscription().currentPeriodStart))
                        .toArray(OffsetDateTime[]::new))
                .addArrayOfInteger(added.values().toArray(Integer[]::new));
        return tx.preparedQuery(ADD_MESSAGES).execute(params).map(rows -> {
            List<Usage> usage = new ArrayList<>(rows.rowCount());
            rows.forEach(row -> {
                UUID id = row.getUUID("account_id");
                int after = row.getInteger("messages");
                usage.add(new Usage(id, after - added.get(id), after));
            });
            return usage;
        });
    }

    private static Account account(Row row) {
        Subscription sub = new Subscription();
        sub.accountId = row.getUUID("account_id");
        sub.planCode = row.getString("plan_code");
        sub.status = SubscriptionStatus.valueOf(row.getString("status"));
        sub.currentPeriodStart = row.getOffsetDateTime("current_period_start").toInstant();
        sub.currentPeriodEnd = row.getOffsetDateTime("current_period_end").toInstant();
        Plan plan = new Plan();
        plan.code = sub.planCode;
        plan.botLimit = row.getInteger("bot_limit");
        plan.monthlyMessageLimit = row.getInteger("monthly_message_limit");
        return new Account(sub, plan);
    }

    private static OffsetDateTime utc(Instant instant) {
        return OffsetDateTime.ofInstant(instant, ZoneOffset.UTC);
    }
}

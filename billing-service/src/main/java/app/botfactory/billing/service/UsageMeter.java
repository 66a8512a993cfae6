// Counts delivered answers in batches: one transaction per chat.outbound batch, each message id once
// per period (redelivery never double-counts), and a new entitlement at the moment an owner's monthly
// allowance is used up. Rows the caller wants written atomically with the counts (dead letters) go in too.
package app.botfactory.billing.service;

import app.botfactory.billing.repository.BatchOutbox;
import app.botfactory.billing.repository.MeteringRepository;
import app.botfactory.billing.repository.MeteringRepository.Account;
import app.botfactory.billing.repository.MeteringRepository.Counted;
import app.botfactory.billing.repository.MeteringRepository.Usage;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlConnection;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;

@ApplicationScoped
public class UsageMeter {

    /** Replies that cost the owner a message: the bot answered (or politely could not). */
    public static final Set<String> METERED_KINDS = Set.of("ANSWER", "FALLBACK");

    /** A reply as chat.outbound reports it. */
    public record Reply(String messageId, UUID ownerId, String kind) { }

    /**
     * What a batch did: messages counted now, metered replies left out because their owner has no
     * subscription, replies of kinds that cost nothing, and entitlements published.
     */
    public record Outcome(int counted, int unsubscribed, int notMetered, int entitlements) { }

    private static final Logger LOG = Logger.getLogger(UsageMeter.class);
    private static final String LIMIT_REACHED = "message-limit-reached";

    private final Pool pool;
    private final MeteringRepository metering;
    private final BatchOutbox outbox;
    private final EntitlementPublisher entitlements;
    private final Clock clock;

    public UsageMeter(Pool pool, MeteringRepository metering, BatchOutbox outbox,
                      EntitlementPublisher entitlements, Clock clock) {
        this.pool = pool;
        this.metering = metering;
        this.outbox = outbox;
        this.entitlements = entitlements;
        this.clock = clock;
    }

    /**
     * Meters a batch of replies in one transaction, together with `deadLetters` (outbox rows the
     * caller parks on a dead-letter topic). Safe to repeat: a redelivered batch changes nothing.
     */
    public Uni<Outcome> meter(List<Reply> replies, List<BatchOutbox.Row> deadLetters) {
        Collection<Reply> metered = meteredOncePerId(replies);
        int notMetered = (int) replies.stream().filter(r -> !METERED_KINDS.contains(r.kind())).count();
        if (metered.isEmpty() && deadLetters.isEmpty()) {
            return Uni.createFrom().item(new Outcome(0, 0, notMetered, 0));
        }
        Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
        return pool.withTransaction(tx -> count(tx, metered, now)
                .call(counted -> outbox.append(tx, concat(deadLetters, counted.limitReached()), now))
                .map(counted -> new Outcome(counted.fresh(), counted.unsubscribed(), notMetered,
                        counted.limitReached().size())));
    }

    /** The counting steps of one batch, all on the transaction `tx`. */
    private record Counting(int fresh, int unsubscribed, List<BatchOutbox.Row> limitReached) { }

    private Uni<Counting> count(SqlConnection tx, Collection<Reply> metered, Instant now) {
        if (metered.isEmpty()) {
            return Uni.createFrom().item(new Counting(0, 0, List.of()));
        }
        return metering.lockAccounts(tx, owners(metered)).chain(accounts -> {
            List<Counted> countable = countable(metered, accounts);
            int unsubscribed = metered.size() - countable.size();
            return metering.markCounted(tx, countable, now)
                    .chain(fresh -> metering.addMessages(tx, perOwner(fresh), accounts)
                            .map(usage -> new Counting(fresh.size(), unsubscribed,
                                    limitReached(usage, accounts, now))));
        });
    }

    /**
     * An entitlement for each owner whose usage crossed the plan's limit in this batch (before <
     * limit <= after). Like a message-by-message count, it reports the moment the allowance ran
     * out: messagesUsed is the limit, however far past it the batch went.
     */
    private List<BatchOutbox.Row> limitReached(List<Usage> usage, Map<UUID, Account> accounts, Instant now) {
        List<BatchOutbox.Row> rows = new ArrayList<>();
        for (Usage u : usage) {
            Account account = accounts.get(u.accountId());
            int limit = account.plan().monthlyMessageLimit;
            if (u.before() < limit && limit <= u.after()) {
                rows.add(entitlements.row(account.subscription(), account.plan(), limit, now, LIMIT_REACHED));
            }
        }
        return rows;
    }

    /** Metered replies of owners with a subscription, counted in that subscription's current period. */
    private static List<Counted> countable(Collection<Reply> metered, Map<UUID, Account> accounts) {
        List<Counted> countable = new ArrayList<>(metered.size());
        Set<UUID> unsubscribed = new TreeSet<>();
        for (Reply reply : metered) {
            Account account = accounts.get(reply.ownerId());
            if (account == null) {
                unsubscribed.add(reply.ownerId());
            } else {
                countable.add(new Counted(reply.messageId(), reply.ownerId(),
                        account.subscription().currentPeriodStart));
            }
        }
        if (!unsubscribed.isEmpty()) {
            LOG.infof("usage not metered owners=%d messages=%d reason=no-subscription sample=%s",
                    unsubscribed.size(), metered.size() - countable.size(),
                    unsubscribed.stream().limit(3).toList());
        }
        return countable;
    }

    /** The metered replies, each message id once (a record repeated inside one batch). */
    private static Collection<Reply> meteredOncePerId(List<Reply> replies) {
        Map<String, Reply> byId = new LinkedHashMap<>();
        for (Reply reply : replies) {
            if (METERED_KINDS.contains(reply.kind())) {
                byId.putIfAbsent(reply.messageId(), reply);
            }
        }
        return byId.values();
    }

    private static Set<UUID> owners(Collection<Reply> replies) {
        Set<UUID> owners = new TreeSet<>();
        replies.forEach(r -> owners.add(r.ownerId()));
        return owners;
    }

    /** New messages per owner, in owner order (the counters are then updated in a fixed order). */
    private static SortedMap<UUID, Integer> perOwner(List<UUID> freshOwners) {
        SortedMap<UUID, Integer> added = new TreeMap<>();
        freshOwners.forEach(owner -> added.merge(owner, 1, Integer::sum));
        return added;
    }

    private static <T> List<T> concat(List<T> first, List<T> second) {
        List<T> all = new ArrayList<>(first);
        all.addAll(second);
        return all;
    }
}

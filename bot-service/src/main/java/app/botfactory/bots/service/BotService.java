// Bot lifecycle for one owner: create within the plan's allowance, read, replace, delete.
// Every change writes its bot.events record to the outbox in the same transaction. A plan-limit refusal
// made from the local entitlement read model is double-checked with billing-service (the caller's own
// token) before it is returned, so a bot can be created right after the trial started.
package app.botfactory.bots.service;

import app.botfactory.bots.client.BillingApi;
import app.botfactory.bots.client.BillingClient;
import app.botfactory.bots.domain.Bot;
import app.botfactory.bots.domain.BotStatus;
import app.botfactory.bots.domain.Entitlement;
import app.botfactory.bots.mapping.BotMapper;
import app.botfactory.bots.messaging.Events;
import app.botfactory.bots.repository.BotRepository;
import app.botfactory.bots.repository.EntitlementRepository;
import app.botfactory.bots.rest.BotDtos.BotRequest;
import app.botfactory.platform.outbox.EventOutbox;
import app.botfactory.platform.web.ApiException;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;

@ApplicationScoped
public class BotService {

    private static final Logger LOG = Logger.getLogger(BotService.class);

    private final BotRepository bots;
    private final EntitlementRepository entitlements;
    private final EventOutbox outbox;
    private final BillingClient billing;
    private final Clock clock;

    public BotService(BotRepository bots, EntitlementRepository entitlements, EventOutbox outbox,
                      BillingClient billing, Clock clock) {
        this.bots = bots;
        this.entitlements = entitlements;
        this.outbox = outbox;
        this.billing = billing;
        this.clock = clock;
    }

    /**
     * Creates a bot within the allowance. When the read model says no, billing's own view (fetched with
     * the caller's Authorization header) is stored and the creation tried once more; if billing cannot be
     * asked or agrees, the first refusal stands.
     */
    public Uni<Bot> create(UUID ownerId, BotRequest request, String authorization) {
        return createWithinAllowance(ownerId, request)
                .onFailure(BotService::isPlanLimit).recoverWithUni(refusal -> billing.current(authorization)
                        .chain(subscription -> subscription.isEmpty()
                                ? Uni.createFrom().<Bot>failure(refusal)
                                : refreshEntitlement(ownerId, subscription.get())
                                        .chain(refreshed -> refreshed
                                                ? createWithinAllowance(ownerId, request)
                                                : Uni.createFrom().<Bot>failure(refusal))));
    }

    /**
     * Stores billing's answer in the read model; true when it allows any bots, so the creation is worth
     * one more try (the billing.entitlements event may also have arrived meanwhile).
     */
    @WithTransaction
    Uni<Boolean> refreshEntitlement(UUID ownerId, BillingApi.Subscription s) {
        Instant now = now();
        return entitlements.upsert(ownerId, s.plan(), s.status(), s.usage().botLimit(),
                        s.usage().messageLimit() == null ? 0 : s.usage().messageLimit(),
                        s.usage().messages() == null ? 0 : s.usage().messages(), s.currentPeriodEnd(), now)
                .map(after -> after.allowedBots(now) > 0)
                .invoke(allows -> LOG.infof("entitlement refreshed from billing owner=%s plan=%s status=%s retry=%s",
                        ownerId, s.plan(), s.status(), allows));
    }

    @WithTransaction
    Uni<Bot> createWithinAllowance(UUID ownerId, BotRequest request) {
        Instant now = now();
        Bot bot = new Bot();
        bot.id = UUID.randomUUID();
        bot.ownerId = ownerId;
        bot.createdAt = now;
        apply(bot, request, now);
        return entitlements.lockForOwner(ownerId)
                .chain(entitlement -> bots.countOwned(ownerId).invoke(count -> ensureAllowance(entitlement, count, now)))
                .chain(() -> bots.persist(bot))
                .call(saved -> upserted(saved, now))
                .invoke(saved -> LOG.infof("bot created bot=%s owner=%s outcome=created", saved.id, ownerId));
    }

    @WithSession
    public Uni<List<Bot>> list(UUID ownerId) {
        return bots.listOwned(ownerId);
    }

    @WithSession
    public Uni<Bot> get(UUID ownerId, UUID botId) {
        return owned(ownerId, botId);
    }

    @WithTransaction
    public Uni<Bot> replace(UUID ownerId, UUID botId, BotRequest request) {
        Instant now = now();
        return owned(ownerId, botId)
                .invoke(bot -> apply(bot, request, now))
                .call(bot -> upserted(bot, now));
    }

    @WithTransaction
    public Uni<Void> delete(UUID ownerId, UUID botId) {
        Instant now = now();
        UUID eventId = UUID.randomUUID();
        return owned(ownerId, botId)
                .call(bots::delete)
                .call(bot -> outbox.append(Events.BOT_EVENTS, bot.id.toString(), eventId,
                        new Events.BotEvent("BotDeleted", eventId, bot.id, ownerId, null, now), now))
                .invoke(bot -> LOG.infof("bot deleted bot=%s owner=%s outcome=deleted", bot.id, ownerId))
                .replaceWithVoid();
    }

    /** The bot if this owner has it; otherwise 404, whether it exists for someone else or not at all. */
    Uni<Bot> owned(UUID ownerId, UUID botId) {
        return bots.findOwned(botId, ownerId)
                .onItem().ifNull().failWith(() -> ApiException.notFound("bot-not-found", "No bot with id " + botId + "."));
    }

    private Uni<Void> upserted(Bot bot, Instant now) {
        UUID eventId = UUID.randomUUID();
        return outbox.append(Events.BOT_EVENTS, bot.id.toString(), eventId,
                new Events.BotEvent("BotUpserted", eventId, bot.id, bot.ownerId, BotMapper.toSettings(bot), now), now);
    }

    private static boolean isPlanLimit(Throwable e) {
        return e instanceof ApiException api && "plan-limit".equals(api.type());
    }

    private static void ensureAllowance(Entitlement entitlement, long current, Instant now) {
        int allowed = entitlement == null ? 0 : entitlement.allowedBots(now);
        if (current >= allowed) {
            String detail = entitlement == null
                    ? "Your account has no active plan. Start a free trial or choose a plan to create bots."
                    : "Your " + entitlement.plan + " plan allows " + allowed + " bot" + (allowed == 1 ? "" : "s")
                    + " and you have " + current + ". Upgrade your plan to create more.";
            throw new ApiException(403, "plan-limit", "Plan limit reached", detail);
        }
    }

    private static void apply(Bot bot, BotRequest request, Instant now) {
        bot.name = request.name().trim();
        bot.systemPrompt = request.systemPrompt();
        bot.language = BotDefaults.language(request.language());
        bot.welcomeMessage = blankToNull(request.welcomeMessage()) == null
                ? BotDefaults.welcome(bot.language) : request.welcomeMessage();
        bot.fallbackMessage = blankToNull(request.fallbackMessage()) == null
                ? BotDefaults.fallback(bot.language) : request.fallbackMessage();
        bot.status = request.status() == null ? BotStatus.ACTIVE : request.status();
        bot.updatedAt = now;
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s;
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MICROS);
    }
}

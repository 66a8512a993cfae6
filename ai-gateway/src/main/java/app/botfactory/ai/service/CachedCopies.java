// The bot copies and entitlements the answer path reads for every message, kept in memory for a
// short TTL (botfactory.ai.copy-cache-ttl, 2 s) instead of one database round trip each per message.
// Staleness: in this process a change is seen as soon as its bot.events / billing.entitlements record
// is applied (KnowledgeConsumer invalidates the key); another replica of ai-gateway sees it within
// the TTL. So a renamed persona, a paused plan or a used-up allowance may take up to 2 s to show on a
// replica that did not apply the event, which billing's own event lag already exceeds. A bot or an
// entitlement that is not there yet is never cached: the waits for it read the table every time.
package app.botfactory.ai.service;

import app.botfactory.ai.config.AiConfig;
import app.botfactory.ai.domain.BotCopy;
import app.botfactory.ai.domain.Entitlement;
import app.botfactory.ai.repository.BotCopyRepository;
import app.botfactory.ai.repository.EntitlementRepository;
import app.botfactory.platform.web.ReadThroughCache;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.UUID;

@ApplicationScoped
public class CachedCopies {

    /** Far more bots and owners than one replica serves; past it the cache simply starts over. */
    private static final int MAX_ENTRIES = 50_000;

    private final ReadThroughCache<UUID, BotCopy> bots;
    private final ReadThroughCache<UUID, Entitlement> entitlements;

    public CachedCopies(BotCopyRepository botRepository, EntitlementRepository entitlementRepository,
                        AiConfig config) {
        this.bots = new ReadThroughCache<>(config.copyCacheTtl(), MAX_ENTRIES,
                id -> Panache.withSession(() -> botRepository.findById(id)), System::nanoTime);
        this.entitlements = new ReadThroughCache<>(config.copyCacheTtl(), MAX_ENTRIES,
                id -> Panache.withSession(() -> entitlementRepository.findById(id)), System::nanoTime);
    }

    /** The bot's settings as bot.events last described them; null when not (yet) known. Read only. */
    public Uni<BotCopy> bot(UUID botId) {
        return bots.get(botId);
    }

    /** The owner's entitlement as billing.entitlements last described it; null when not (yet) known. */
    public Uni<Entitlement> entitlement(UUID ownerId) {
        return entitlements.get(ownerId);
    }

    /** After a bot.events record changed the copy. */
    public void botChanged(UUID botId) {
        bots.invalidate(botId);
    }

    /** After a billing.entitlements record changed the copy. */
    public void entitlementChanged(UUID ownerId) {
        entitlements.invalidate(ownerId);
    }
}

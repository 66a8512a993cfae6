// Applies bot, knowledge and entitlement events to ai-gateway's tables: a document's passages are
// re-cut and re-indexed as a whole, so a redelivered event leaves the same state behind (and, when
// its passages are the ones stored, touches nothing).
package app.botfactory.ai.service;

import app.botfactory.ai.domain.BotCopy;
import app.botfactory.ai.domain.Entitlement;
import app.botfactory.ai.messaging.Events;
import app.botfactory.ai.repository.BotCopyRepository;
import app.botfactory.ai.repository.ChunkRepository;
import app.botfactory.ai.repository.EntitlementRepository;
import app.botfactory.ai.retrieval.Chunker;
import app.botfactory.ai.retrieval.TextNormalizer;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.time.Clock;
import java.util.List;
import java.util.UUID;

@ApplicationScoped
public class KnowledgeIndex {

    private static final Logger LOG = Logger.getLogger(KnowledgeIndex.class);

    private final BotCopyRepository bots;
    private final ChunkRepository chunks;
    private final EntitlementRepository entitlements;
    private final Clock clock;

    public KnowledgeIndex(BotCopyRepository bots, ChunkRepository chunks, EntitlementRepository entitlements,
                          Clock clock) {
        this.bots = bots;
        this.chunks = chunks;
        this.entitlements = entitlements;
        this.clock = clock;
    }

    @WithTransaction
    public Uni<Void> upsertBot(Events.BotEvent e) {
        if (e.bot() == null || e.ownerId() == null) {
            throw new IllegalArgumentException("BotUpserted without bot settings or ownerId");
        }
        return bots.findById(e.botId()).chain(existing -> {
            BotCopy bot = existing == null ? new BotCopy() : existing;
            bot.botId = e.botId();
            bot.ownerId = e.ownerId();
            bot.name = e.bot().name() == null ? "Assistant" : e.bot().name();
            bot.systemPrompt = e.bot().systemPrompt();
            bot.language = e.bot().language() == null ? "en" : e.bot().language();
            bot.fallbackMessage = e.bot().fallbackMessage() == null ? "Sorry, I can't answer that."
                    : e.bot().fallbackMessage();
            bot.status = e.bot().status() == null ? "ACTIVE" : e.bot().status();
            bot.updatedAt = clock.instant();
            return existing == null ? bots.persist(bot) : Uni.createFrom().item(bot);
        }).replaceWithVoid();
    }

    @WithTransaction
    public Uni<Void> deleteBot(UUID botId) {
        return chunks.deleteBot(botId).chain(() -> bots.deleteById(botId)).replaceWithVoid();
    }

    @WithTransaction
    public Uni<Void> addDocument(Events.KnowledgeEvent e) {
        String title = e.title() == null ? "" : e.title();
        List<String> passages = Chunker.chunks(e.content() == null ? "" : e.content());
        List<String> norms = passages.stream().map(p -> TextNormalizer.normalize(title + " " + p)).toList();
        return chunks.replaceDocument(e.botId(), e.docId(), title, passages, norms)
                .invoke(changed -> LOG.infof(changed ? "indexed bot=%s doc=%s passages=%d"
                        : "unchanged bot=%s doc=%s passages=%d", e.botId(), e.docId(), passages.size()))
                .replaceWithVoid();
    }

    @WithTransaction
    public Uni<Void> deleteDocument(UUID docId) {
        return chunks.deleteDocument(docId);
    }

    @WithTransaction
    public Uni<Void> entitlement(Events.EntitlementEvent e) {
        return entitlements.findById(e.ownerId()).chain(existing -> {
            Entitlement ent = existing == null ? new Entitlement() : existing;
            ent.ownerId = e.ownerId();
            ent.plan = e.plan() == null ? "UNKNOWN" : e.plan();
            ent.status = e.status();
            ent.monthlyMessageLimit = e.monthlyMessageLimit() == null ? 0 : e.monthlyMessageLimit();
            ent.messagesUsed = e.messagesUsed() == null ? 0 : e.messagesUsed();
            ent.periodEnd = e.periodEnd();
            ent.updatedAt = clock.instant();
            return existing == null ? entitlements.persist(ent) : Uni.createFrom().item(ent);
        }).replaceWithVoid();
    }
}

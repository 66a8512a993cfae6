// Keeps ai-gateway's copy of bots and their knowledge current: bot.events replace settings,
// knowledge.events replace a document's passages. Each change is idempotent (replace by id). Once a
// bot or entitlement change has committed, this process's read cache of it is dropped at once.
package app.botfactory.ai.messaging;

import app.botfactory.ai.service.CachedCopies;
import app.botfactory.ai.service.KnowledgeIndex;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Incoming;

@ApplicationScoped
public class KnowledgeConsumer {

    private final KnowledgeIndex index;
    private final Json json;
    private final CachedCopies copies;

    public KnowledgeConsumer(KnowledgeIndex index, Json json, CachedCopies copies) {
        this.index = index;
        this.json = json;
        this.copies = copies;
    }

    @Incoming("bot-events")
    public Uni<Void> bot(String payload) {
        Events.BotEvent e = json.read(payload, Events.BotEvent.class);
        if (e.botId() == null || e.type() == null) {
            throw new IllegalArgumentException("bot.events record without type or botId");
        }
        Uni<Void> applied = switch (e.type()) {
            case "BotUpserted" -> index.upsertBot(e);
            case "BotDeleted" -> index.deleteBot(e.botId());
            default -> Uni.createFrom().voidItem();
        };
        return applied.invoke(() -> copies.botChanged(e.botId()));
    }

    @Incoming("knowledge-events")
    public Uni<Void> knowledge(String payload) {
        Events.KnowledgeEvent e = json.read(payload, Events.KnowledgeEvent.class);
        if (e.botId() == null || e.docId() == null || e.type() == null) {
            throw new IllegalArgumentException("knowledge.events record without type, botId or docId");
        }
        return switch (e.type()) {
            case "DocumentAdded" -> index.addDocument(e);
            case "DocumentDeleted" -> index.deleteDocument(e.docId());
            default -> Uni.createFrom().voidItem();
        };
    }

    @Incoming("entitlements")
    public Uni<Void> entitlement(String payload) {
        Events.EntitlementEvent e = json.read(payload, Events.EntitlementEvent.class);
        if (e.ownerId() == null || e.status() == null) {
            throw new IllegalArgumentException("billing.entitlements record without ownerId or status");
        }
        return index.entitlement(e).invoke(() -> copies.entitlementChanged(e.ownerId()));
    }
}

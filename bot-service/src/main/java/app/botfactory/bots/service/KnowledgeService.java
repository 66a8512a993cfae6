// A bot's knowledge base: add, list, delete documents of up to 1 MB of UTF-8 text. Each change
// goes to knowledge.events through the outbox, so ai-gateway re-indexes within seconds.
package app.botfactory.bots.service;

import app.botfactory.bots.domain.KnowledgeDocument;
import app.botfactory.bots.messaging.Events;
import app.botfactory.bots.repository.KnowledgeRepository;
import app.botfactory.bots.repository.KnowledgeRepository.Summary;
import app.botfactory.platform.outbox.EventOutbox;
import app.botfactory.platform.web.ApiException;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;

@ApplicationScoped
public class KnowledgeService {

    /** 1 MiB of UTF-8: a long price list or FAQ fits; a book does not. */
    public static final int MAX_CONTENT_BYTES = 1024 * 1024;

    private static final Logger LOG = Logger.getLogger(KnowledgeService.class);

    private final BotService bots;
    private final KnowledgeRepository documents;
    private final EventOutbox outbox;
    private final Clock clock;

    public KnowledgeService(BotService bots, KnowledgeRepository documents, EventOutbox outbox, Clock clock) {
        this.bots = bots;
        this.documents = documents;
        this.outbox = outbox;
        this.clock = clock;
    }

    @WithTransaction
    public Uni<KnowledgeDocument> add(UUID ownerId, UUID botId, String title, String content) {
        int bytes = content.getBytes(StandardCharsets.UTF_8).length;
        if (bytes > MAX_CONTENT_BYTES) {
            return Uni.createFrom().failure(new ApiException(413, "knowledge-too-large", "Payload Too Large",
                    "A document may hold up to 1 MB (" + MAX_CONTENT_BYTES + " bytes) of text; this one has "
                            + bytes + ". Split it into several documents."));
        }
        Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
        return bots.owned(ownerId, botId).chain(bot -> {
            KnowledgeDocument doc = new KnowledgeDocument();
            doc.id = UUID.randomUUID();
            doc.botId = bot.id;
            doc.title = title.trim();
            doc.content = content;
            doc.chars = content.codePointCount(0, content.length());
            doc.createdAt = now;
            UUID eventId = UUID.randomUUID();
            return documents.persist(doc)
                    .call(saved -> outbox.append(Events.KNOWLEDGE_EVENTS, bot.id.toString(), eventId,
                            new Events.KnowledgeEvent("DocumentAdded", eventId, bot.id, ownerId, saved.id,
                                    saved.title, saved.content, now), now))
                    .invoke(saved -> LOG.infof("knowledge added bot=%s doc=%s chars=%d", bot.id, saved.id,
                            saved.chars));
        });
    }

    @WithSession
    public Uni<List<Summary>> list(UUID ownerId, UUID botId) {
        return bots.owned(ownerId, botId).chain(bot -> documents.listSummaries(bot.id));
    }

    @WithTransaction
    public Uni<Void> delete(UUID ownerId, UUID botId, UUID docId) {
        Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
        return bots.owned(ownerId, botId)
                .chain(bot -> documents.findInBot(docId, bot.id))
                .onItem().ifNull().failWith(() -> ApiException.notFound("document-not-found",
                        "No knowledge document with id " + docId + " in this bot."))
                .call(documents::delete)
                .call(doc -> {
                    UUID eventId = UUID.randomUUID();
                    return outbox.append(Events.KNOWLEDGE_EVENTS, botId.toString(), eventId,
                            new Events.KnowledgeEvent("DocumentDeleted", eventId, botId, ownerId, doc.id, doc.title,
                                    null, now), now);
                })
                .replaceWithVoid();
    }
}

// Knowledge documents of one bot; lists project away the content.
package app.botfactory.bots.repository;

import app.botfactory.bots.domain.KnowledgeDocument;
import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Sort;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

@ApplicationScoped
public class KnowledgeRepository implements PanacheRepositoryBase<KnowledgeDocument, UUID> {

    /** Title and size of a document, without its content. */
    public record Summary(UUID id, String title, int chars, Instant createdAt) { }

    public Uni<List<Summary>> listSummaries(UUID botId) {
        return find("botId", Sort.descending("createdAt").and("id"), botId)
                .project(Summary.class).list();
    }

    public Uni<KnowledgeDocument> findInBot(UUID docId, UUID botId) {
        return find("id = ?1 and botId = ?2", docId, botId).firstResult();
    }
}

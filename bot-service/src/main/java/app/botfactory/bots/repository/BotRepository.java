// Bots, always looked up together with their owner so one tenant never sees another's.
package app.botfactory.bots.repository;

import app.botfactory.bots.domain.Bot;
import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Sort;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.List;
import java.util.UUID;

@ApplicationScoped
public class BotRepository implements PanacheRepositoryBase<Bot, UUID> {

    public Uni<Bot> findOwned(UUID id, UUID ownerId) {
        return find("id = ?1 and ownerId = ?2", id, ownerId).firstResult();
    }

    public Uni<List<Bot>> listOwned(UUID ownerId) {
        return find("ownerId", Sort.descending("createdAt").and("id"), ownerId).list();
    }

    public Uni<Long> countOwned(UUID ownerId) {
        return count("ownerId", ownerId);
    }
}

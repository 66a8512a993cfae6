// Bots this channel serves, by id and owner.
package app.botfactory.telegram.repository;

import app.botfactory.telegram.domain.BotProfile;
import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.UUID;

@ApplicationScoped
public class BotProfileRepository implements PanacheRepositoryBase<BotProfile, UUID> {

    public Uni<BotProfile> findOwned(UUID botId, UUID ownerId) {
        return find("botId = ?1 and ownerId = ?2", botId, ownerId).firstResult();
    }
}

// The entitlement read model; `lockForOwner` serialises concurrent bot creations of one owner.
package app.botfactory.bots.repository;

import app.botfactory.bots.domain.Entitlement;
import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;

import java.util.UUID;

@ApplicationScoped
public class EntitlementRepository implements PanacheRepositoryBase<Entitlement, UUID> {

    public Uni<Entitlement> lockForOwner(UUID ownerId) {
        return findById(ownerId, LockModeType.PESSIMISTIC_WRITE);
    }
}

// Owners' entitlements as billing last published them.
package app.botfactory.ai.repository;

import app.botfactory.ai.domain.Entitlement;
import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.UUID;

@ApplicationScoped
public class EntitlementRepository implements PanacheRepositoryBase<Entitlement, UUID> {
}

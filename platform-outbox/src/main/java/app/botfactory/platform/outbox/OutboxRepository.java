// Outbox rows of the using service (table `outbox` in its own schema): EventOutbox persists them in
// the caller's transaction; OutboxRelay reads and deletes them with plain SQL.
package app.botfactory.platform.outbox;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;

@ApplicationScoped
public class OutboxRepository implements PanacheRepositoryBase<OutboxEvent, Long> {
}

// Outbox rows of the using service (table `outbox` in its own schema), drained in order by OutboxRelay.
package app.botfactory.platform.outbox;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.util.List;

@ApplicationScoped
public class OutboxRepository implements PanacheRepositoryBase<OutboxEvent, Long> {

    /**
     * Only one relay of a service (of any replica) drains at a time, so per-key order survives scaling
     * out. The key is per service: all services share one database and must not block each other.
     */
    private final long relayLock;

    public OutboxRepository(@ConfigProperty(name = "quarkus.application.name") String service) {
        this.relayLock = ("outbox-relay:" + service).hashCode();
    }

    public Uni<Boolean> tryRelayLock() {
        return getSession().chain(session -> session
                .createNativeQuery("select pg_try_advisory_xact_lock(" + relayLock + ")", Boolean.class)
                .getSingleResult());
    }

    public Uni<List<OutboxEvent>> oldest(int limit) {
        return find("order by seq").page(0, limit).list();
    }
}

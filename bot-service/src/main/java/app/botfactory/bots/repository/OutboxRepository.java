// Outbox rows: appended by services inside their transaction, drained in order by OutboxRelay.
package app.botfactory.bots.repository;

import app.botfactory.bots.domain.OutboxEvent;
import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.List;

@ApplicationScoped
public class OutboxRepository implements PanacheRepositoryBase<OutboxEvent, Long> {

    /** Only one relay (of any replica) drains at a time, so per-key order survives scaling out. */
    private static final long RELAY_LOCK = 0x626f74732d6f7574L;

    public Uni<Boolean> tryRelayLock() {
        return getSession().chain(session -> session
                .createNativeQuery("select pg_try_advisory_xact_lock(" + RELAY_LOCK + ")", Boolean.class)
                .getSingleResult());
    }

    public Uni<List<OutboxEvent>> oldest(int limit) {
        return find("order by seq").page(0, limit).list();
    }

    public Uni<Long> pending() {
        return count();
    }
}

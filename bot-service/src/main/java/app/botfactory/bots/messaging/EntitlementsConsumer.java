// Keeps the local entitlement read model current from billing.entitlements (key = ownerId).
// Last write wins per owner (one partition per key keeps order); a record that cannot be read
// goes to billing.entitlements.dlq with the reason instead of blocking the stream.
package app.botfactory.bots.messaging;

import app.botfactory.bots.repository.EntitlementRepository;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

import java.time.Clock;

@ApplicationScoped
public class EntitlementsConsumer {

    private static final Logger LOG = Logger.getLogger(EntitlementsConsumer.class);

    private final EntitlementRepository entitlements;
    private final ObjectMapper json;
    private final Clock clock;

    public EntitlementsConsumer(EntitlementRepository entitlements, ObjectMapper json, Clock clock) {
        this.entitlements = entitlements;
        this.json = json;
        this.clock = clock;
    }

    @Incoming("entitlements")
    @WithTransaction
    public Uni<Void> consume(String payload) {
        Events.EntitlementEvent event = parse(payload);
        return entitlements.upsert(event.ownerId(), event.plan(), event.status(), event.botLimit(),
                        event.monthlyMessageLimit() == null ? 0 : event.monthlyMessageLimit(),
                        event.messagesUsed() == null ? 0 : event.messagesUsed(), event.periodEnd(), clock.instant())
                .invoke(e -> LOG.infof("entitlement owner=%s plan=%s status=%s botLimit=%d", e.ownerId, e.plan,
                        e.status, e.botLimit))
                .replaceWithVoid();
    }

    private Events.EntitlementEvent parse(String payload) {
        try {
            Events.EntitlementEvent event = json.readValue(payload, Events.EntitlementEvent.class);
            if (event.ownerId() == null || event.plan() == null || event.status() == null || event.botLimit() == null) {
                throw new IllegalArgumentException("entitlement without ownerId, plan, status or botLimit");
            }
            return event;
        } catch (IllegalArgumentException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalArgumentException("unreadable entitlement: " + e.getClass().getSimpleName());
        }
    }
}

// Writes the owner's current entitlement to the outbox (same transaction as the change), from
// which billing.entitlements reaches bot-service and ai-gateway.
package app.botfactory.billing.service;

import app.botfactory.billing.domain.Plan;
import app.botfactory.billing.domain.Subscription;
import app.botfactory.billing.messaging.Events;
import app.botfactory.platform.outbox.EventOutbox;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.time.Instant;
import java.util.UUID;

@ApplicationScoped
public class EntitlementPublisher {

    private static final Logger LOG = Logger.getLogger(EntitlementPublisher.class);

    private final EventOutbox outbox;

    public EntitlementPublisher(EventOutbox outbox) {
        this.outbox = outbox;
    }

    public Uni<Void> publish(Subscription sub, Plan plan, int messagesUsed, Instant now, String reason) {
        UUID eventId = UUID.randomUUID();
        Events.Entitlement event = new Events.Entitlement(eventId, sub.accountId, sub.planCode, sub.status.name(),
                plan.botLimit, plan.monthlyMessageLimit, messagesUsed, sub.currentPeriodEnd, now);
        LOG.infof("entitlement owner=%s plan=%s status=%s used=%d/%d reason=%s", sub.accountId, sub.planCode,
                sub.status, messagesUsed, plan.monthlyMessageLimit, reason);
        return outbox.append(Events.ENTITLEMENTS, sub.accountId.toString(), eventId, event, now);
    }
}

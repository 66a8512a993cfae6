// Writes the owner's current entitlement to the outbox (same transaction as the change), from
// which billing.entitlements reaches bot-service and ai-gateway. Hibernate callers use publish;
// the raw-SQL metering batch takes the same event as a row for BatchOutbox.
package app.botfactory.billing.service;

import app.botfactory.billing.domain.Plan;
import app.botfactory.billing.domain.Subscription;
import app.botfactory.billing.messaging.Events;
import app.botfactory.billing.repository.BatchOutbox;
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
    private final BatchOutbox batchOutbox;

    public EntitlementPublisher(EventOutbox outbox, BatchOutbox batchOutbox) {
        this.outbox = outbox;
        this.batchOutbox = batchOutbox;
    }

    public Uni<Void> publish(Subscription sub, Plan plan, int messagesUsed, Instant now, String reason) {
        Events.Entitlement event = entitlement(sub, plan, messagesUsed, now, reason);
        return outbox.append(Events.ENTITLEMENTS, sub.accountId.toString(), event.eventId(), event, now);
    }

    /** The same event as {@link #publish}, as a row for the caller's raw-SQL transaction. */
    public BatchOutbox.Row row(Subscription sub, Plan plan, int messagesUsed, Instant now, String reason) {
        Events.Entitlement event = entitlement(sub, plan, messagesUsed, now, reason);
        return batchOutbox.event(Events.ENTITLEMENTS, sub.accountId.toString(), event.eventId(), event);
    }

    private static Events.Entitlement entitlement(Subscription sub, Plan plan, int messagesUsed, Instant now,
                                                  String reason) {
        LOG.infof("entitlement owner=%s plan=%s status=%s used=%d/%d reason=%s", sub.accountId, sub.planCode,
                sub.status, messagesUsed, plan.monthlyMessageLimit, reason);
        return new Events.Entitlement(UUID.randomUUID(), sub.accountId, sub.planCode, sub.status.name(),
                plan.botLimit, plan.monthlyMessageLimit, messagesUsed, sub.currentPeriodEnd, now);
    }
}

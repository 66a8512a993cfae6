// What an owner's plan allows right now (read model of billing.entitlements).
package app.botfactory.ai.domain;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;
import java.util.Set;
import java.util.UUID;

@Entity
@Table(name = "entitlements")
public class Entitlement {

    private static final Set<String> USABLE = Set.of("TRIALING", "ACTIVE", "CANCELED");

    @Id
    @Column(name = "owner_id")
    public UUID ownerId;

    @Column(nullable = false)
    public String plan;

    @Column(nullable = false)
    public String status;

    @Column(name = "monthly_message_limit", nullable = false)
    public int monthlyMessageLimit;

    @Column(name = "messages_used", nullable = false)
    public int messagesUsed;

    @Column(name = "period_end")
    public Instant periodEnd;

    @Column(name = "updated_at", nullable = false)
    public Instant updatedAt;

    /** Whether one more message may be answered by the model. */
    public boolean allowsAnotherMessage(Instant now) {
        boolean inPeriod = periodEnd == null || periodEnd.isAfter(now);
        return USABLE.contains(status) && inPeriod && messagesUsed < monthlyMessageLimit;
    }
}

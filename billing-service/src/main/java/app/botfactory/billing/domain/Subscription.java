// The one subscription row of an account. It is never deleted, so the trial flag is permanent.
package app.botfactory.billing.domain;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;
import java.util.UUID;

@Entity
@Table(name = "subscriptions")
public class Subscription {

    @Id
    @Column(name = "account_id")
    public UUID accountId;

    @Column(name = "plan_code", nullable = false)
    public String planCode;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public SubscriptionStatus status;

    @Column(name = "current_period_start", nullable = false)
    public Instant currentPeriodStart;

    @Column(name = "current_period_end", nullable = false)
    public Instant currentPeriodEnd;

    @Column(name = "trial_started_at")
    public Instant trialStartedAt;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    @Column(name = "updated_at", nullable = false)
    public Instant updatedAt;
}

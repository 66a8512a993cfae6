// Lifecycle of a subscription: TRIALING -> ACTIVE -> (CANCELED, until period end) -> EXPIRED.
package app.botfactory.billing.domain;

public enum SubscriptionStatus {
    TRIALING, ACTIVE, CANCELED, EXPIRED;

    /** Whether the plan's allowances apply (a canceled plan runs until its period ends). */
    public boolean grantsAccess() {
        return this != EXPIRED;
    }
}

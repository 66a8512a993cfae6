// Where a payment provider (Stripe, Payme, Click) slots into a plan change. The API shape does
// not change when one arrives: a provider that needs the customer to act returns a checkout URL
// and the subscription waits for the provider's webhook instead of activating at once.
package app.botfactory.billing.payment;

import io.smallrye.mutiny.Uni;

import java.util.UUID;

public interface PaymentGateway {

    /** The outcome of asking a provider to charge for a plan. */
    record Charge(boolean approved, String checkoutUrl, String reference) { }

    Uni<Charge> charge(UUID accountId, String planCode, int amountCents, String currency);
}

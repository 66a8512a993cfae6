// Bodies of the billing API, as the platform contract spells them.
package app.botfactory.billing.rest;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

import java.time.Instant;

public final class BillingDtos {

    private BillingDtos() { }

    public record PlanResponse(String code, String name, int priceMonthlyCents, String currency, int botLimit,
                               int monthlyMessageLimit, int trialDays) { }

    public record PlanChangeRequest(@NotBlank @Size(max = 32) String plan) { }

    public record Usage(int messages, int messageLimit, long bots, int botLimit) { }

    public record SubscriptionResponse(String plan, String status, Instant currentPeriodStart,
                                       Instant currentPeriodEnd, Usage usage) { }
}

// Entities and service views -> API bodies; no logic beyond copying.
package app.botfactory.billing.mapping;

import app.botfactory.billing.domain.Plan;
import app.botfactory.billing.rest.BillingDtos.PlanResponse;
import app.botfactory.billing.rest.BillingDtos.SubscriptionResponse;
import app.botfactory.billing.rest.BillingDtos.Usage;
import app.botfactory.billing.service.SubscriptionService.View;

public final class BillingMapper {

    private BillingMapper() { }

    public static PlanResponse toResponse(Plan plan) {
        return new PlanResponse(plan.code, plan.name, plan.priceMonthlyCents, plan.currency, plan.botLimit,
                plan.monthlyMessageLimit, plan.trialDays);
    }

    public static SubscriptionResponse toResponse(View view) {
        return new SubscriptionResponse(view.subscription().planCode, view.subscription().status.name(),
                view.subscription().currentPeriodStart, view.subscription().currentPeriodEnd,
                new Usage(view.messages(), view.plan().monthlyMessageLimit, view.bots(), view.plan().botLimit));
    }
}

// Read access to the plan catalogue.
package app.botfactory.billing.service;

import app.botfactory.billing.domain.Plan;
import app.botfactory.billing.repository.PlanRepository;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.List;

@ApplicationScoped
public class PlanCatalog {

    private final PlanRepository plans;

    public PlanCatalog(PlanRepository plans) {
        this.plans = plans;
    }

    @WithSession
    public Uni<List<Plan>> all() {
        return plans.catalogue();
    }
}

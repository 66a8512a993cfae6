// The plan catalogue, in display order.
package app.botfactory.billing.repository;

import app.botfactory.billing.domain.Plan;
import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Sort;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.List;

@ApplicationScoped
public class PlanRepository implements PanacheRepositoryBase<Plan, String> {

    public Uni<List<Plan>> catalogue() {
        return listAll(Sort.ascending("sortOrder"));
    }
}

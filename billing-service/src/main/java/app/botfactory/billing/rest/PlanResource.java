// The public plan catalogue.
package app.botfactory.billing.rest;

import app.botfactory.billing.mapping.BillingMapper;
import app.botfactory.billing.rest.BillingDtos.PlanResponse;
import app.botfactory.billing.service.PlanCatalog;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.util.List;

@Path("/api/plans")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "plans")
public class PlanResource {

    private final PlanCatalog catalog;

    public PlanResource(PlanCatalog catalog) {
        this.catalog = catalog;
    }

    @GET
    @PermitAll
    @Operation(summary = "Plans with prices and allowances, cheapest first")
    public Uni<List<PlanResponse>> list() {
        return catalog.all().map(plans -> plans.stream().map(BillingMapper::toResponse).toList());
    }
}

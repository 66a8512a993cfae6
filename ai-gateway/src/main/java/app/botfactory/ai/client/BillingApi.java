// REST client for billing-service's public `GET /api/subscriptions/me`, called with the owner's own
// token. Used only by the owner's test chat when billing.entitlements has not brought this owner's
// entitlement yet (a trial started a moment ago), so the first question is not answered with LIMIT.
package app.botfactory.ai.client;

import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

import java.time.Instant;

@RegisterRestClient(configKey = "billing")
@Path("/api/subscriptions")
public interface BillingApi {

    @GET
    @Path("/me")
    @Produces(MediaType.APPLICATION_JSON)
    Uni<Subscription> me(@HeaderParam("Authorization") String authorization);

    /** The part of the contract's subscription view that decides whether a message may be answered. */
    record Subscription(String plan, String status, Instant currentPeriodEnd, Usage usage) {
    }

    record Usage(Integer messages, Integer messageLimit) {
    }
}

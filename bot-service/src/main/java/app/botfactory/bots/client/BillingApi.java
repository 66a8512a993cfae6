// REST client for billing-service's public `GET /api/subscriptions/me`, called with the caller's own
// access token. Used only to read-your-writes: when the local entitlement read model refuses a bot
// because billing's event has not arrived yet (a trial started a second ago), not on every request.
package app.botfactory.bots.client;

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

    /** The part of the contract's subscription view that decides the bot allowance. */
    record Subscription(String plan, String status, Instant currentPeriodEnd, Usage usage) {
    }

    record Usage(Integer messages, Integer messageLimit, Integer bots, Integer botLimit) {
    }
}

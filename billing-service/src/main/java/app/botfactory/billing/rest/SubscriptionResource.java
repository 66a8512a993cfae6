// The caller's subscription: free trial, plan change, cancel, and current usage.
package app.botfactory.billing.rest;

import app.botfactory.billing.mapping.BillingMapper;
import app.botfactory.billing.rest.BillingDtos.PlanChangeRequest;
import app.botfactory.billing.rest.BillingDtos.SubscriptionResponse;
import app.botfactory.billing.service.SubscriptionService;
import app.botfactory.platform.web.CallerAccount;
import app.botfactory.platform.web.Problem;
import io.quarkus.security.Authenticated;
import io.smallrye.mutiny.Uni;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestResponse;

import java.net.URI;

@Path("/api/subscriptions")
@Authenticated
@Produces(MediaType.APPLICATION_JSON)
@SecurityRequirement(name = "jwt")
@Tag(name = "subscriptions")
@APIResponse(responseCode = "401", description = "Missing or invalid access token",
        content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
public class SubscriptionResource {

    private final SubscriptionService subscriptions;
    private final CallerAccount caller;

    public SubscriptionResource(SubscriptionService subscriptions, CallerAccount caller) {
        this.subscriptions = subscriptions;
        this.caller = caller;
    }

    @POST
    @Path("/trial")
    @Operation(summary = "Start the free trial (once per account, ever)")
    @APIResponse(responseCode = "201", description = "Trial started",
            content = @Content(schema = @Schema(implementation = SubscriptionResponse.class)))
    @APIResponse(responseCode = "409", description = "trial-used or already-subscribed",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<RestResponse<SubscriptionResponse>> startTrial() {
        return subscriptions.startTrial(caller.id()).map(BillingMapper::toResponse)
                .map(sub -> RestResponse.ResponseBuilder.<SubscriptionResponse>created(
                        URI.create("/api/subscriptions/me")).entity(sub).build());
    }

    @PUT
    @Path("/plan")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Subscribe to, upgrade or downgrade a plan")
    @APIResponse(responseCode = "200", description = "The subscription on the new plan",
            content = @Content(schema = @Schema(implementation = SubscriptionResponse.class)))
    @APIResponse(responseCode = "400", description = "Unknown plan",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<SubscriptionResponse> changePlan(@Valid @NotNull PlanChangeRequest body) {
        return subscriptions.changePlan(caller.id(), body.plan()).map(BillingMapper::toResponse);
    }

    @DELETE
    @Operation(summary = "Cancel: the plan keeps working until the current period ends")
    @APIResponse(responseCode = "200", description = "Status CANCELED until currentPeriodEnd",
            content = @Content(schema = @Schema(implementation = SubscriptionResponse.class)))
    @APIResponse(responseCode = "404", description = "The account never subscribed",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<SubscriptionResponse> cancel() {
        return subscriptions.cancel(caller.id()).map(BillingMapper::toResponse);
    }

    @GET
    @Path("/me")
    @Operation(summary = "The caller's subscription with live usage")
    @APIResponse(responseCode = "200", description = "Subscription and usage",
            content = @Content(schema = @Schema(implementation = SubscriptionResponse.class)))
    @APIResponse(responseCode = "404", description = "The account never subscribed",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<SubscriptionResponse> me() {
        return subscriptions.current(caller.id()).map(BillingMapper::toResponse);
    }

}

// HTTP face of bots: validates, delegates to BotService, maps to the contract. Owner-scoped.
package app.botfactory.bots.rest;

import app.botfactory.bots.mapping.BotMapper;
import app.botfactory.bots.rest.BotDtos.BotRequest;
import app.botfactory.bots.rest.BotDtos.BotResponse;
import app.botfactory.bots.service.BotService;
import app.botfactory.platform.web.CallerAccount;
import app.botfactory.platform.web.Problem;
import io.quarkus.security.Authenticated;
import io.smallrye.mutiny.Uni;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestResponse;

import java.net.URI;
import java.util.List;
import java.util.UUID;

@Path("/api/bots")
@Authenticated
@Produces(MediaType.APPLICATION_JSON)
@SecurityRequirement(name = "jwt")
@Tag(name = "bots", description = "An owner's bots and their settings")
@APIResponse(responseCode = "401", description = "Missing or invalid access token",
        content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
public class BotResource {

    private final BotService bots;
    private final CallerAccount owner;

    public BotResource(BotService bots, CallerAccount owner) {
        this.bots = bots;
        this.owner = owner;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Create a bot (within the plan's bot allowance)")
    @APIResponse(responseCode = "201", description = "Created",
            content = @Content(schema = @Schema(implementation = BotResponse.class)))
    @APIResponse(responseCode = "400", description = "Invalid settings",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "403", description = "plan-limit: the plan allows no more bots",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<RestResponse<BotResponse>> create(@Valid @NotNull BotRequest body,
            @Parameter(hidden = true) @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization) {
        return bots.create(owner.id(), body, authorization)
                .map(BotMapper::toResponse)
                .map(bot -> RestResponse.ResponseBuilder.<BotResponse>created(URI.create("/api/bots/" + bot.id()))
                        .entity(bot).build());
    }

    @GET
    @Operation(summary = "The caller's bots, newest first")
    public Uni<List<BotResponse>> list() {
        return bots.list(owner.id()).map(list -> list.stream().map(BotMapper::toResponse).toList());
    }

    @GET
    @Path("/{id}")
    @Operation(summary = "One bot")
    @APIResponse(responseCode = "404", description = "No such bot for this owner",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<BotResponse> get(@PathParam("id") UUID id) {
        return bots.get(owner.id(), id).map(BotMapper::toResponse);
    }

    @PUT
    @Path("/{id}")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Replace all settings of a bot (pause it with status PAUSED)")
    @APIResponse(responseCode = "404", description = "No such bot for this owner",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<BotResponse> replace(@PathParam("id") UUID id, @Valid @NotNull BotRequest body) {
        return bots.replace(owner.id(), id, body).map(BotMapper::toResponse);
    }

    @DELETE
    @Path("/{id}")
    @Operation(summary = "Delete a bot and its knowledge base")
    @APIResponse(responseCode = "204", description = "Deleted")
    @APIResponse(responseCode = "404", description = "No such bot for this owner",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<RestResponse<Void>> delete(@PathParam("id") UUID id) {
        return bots.delete(owner.id(), id).map(ignored -> RestResponse.noContent());
    }
}

// HTTP face of a bot's knowledge base: add a text document, list, delete. Owner-scoped.
package app.botfactory.bots.rest;

import app.botfactory.bots.mapping.BotMapper;
import app.botfactory.bots.rest.BotDtos.KnowledgeRequest;
import app.botfactory.bots.rest.BotDtos.KnowledgeResponse;
import app.botfactory.bots.service.KnowledgeService;
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
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
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
import java.util.List;
import java.util.UUID;

@Path("/api/bots/{botId}/knowledge")
@Authenticated
@Produces(MediaType.APPLICATION_JSON)
@SecurityRequirement(name = "jwt")
@Tag(name = "knowledge", description = "What a bot knows: prices, hours, FAQ, documents")
@APIResponse(responseCode = "404", description = "No such bot (or document) for this owner",
        content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
public class KnowledgeResource {

    private final KnowledgeService knowledge;
    private final CallerAccount owner;

    public KnowledgeResource(KnowledgeService knowledge, CallerAccount owner) {
        this.knowledge = knowledge;
        this.owner = owner;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Add a text document (up to 1 MB)")
    @APIResponse(responseCode = "201", description = "Added",
            content = @Content(schema = @Schema(implementation = KnowledgeResponse.class)))
    @APIResponse(responseCode = "413", description = "Document larger than 1 MB",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<RestResponse<KnowledgeResponse>> add(@PathParam("botId") UUID botId,
                                                    @Valid @NotNull KnowledgeRequest body) {
        return knowledge.add(owner.id(), botId, body.title(), body.content())
                .map(BotMapper::toResponse)
                .map(doc -> RestResponse.ResponseBuilder.<KnowledgeResponse>created(
                        URI.create("/api/bots/" + botId + "/knowledge/" + doc.id())).entity(doc).build());
    }

    @GET
    @Operation(summary = "The bot's documents (title and size), newest first")
    public Uni<List<KnowledgeResponse>> list(@PathParam("botId") UUID botId) {
        return knowledge.list(owner.id(), botId).map(docs -> docs.stream().map(BotMapper::toResponse).toList());
    }

    @DELETE
    @Path("/{docId}")
    @Operation(summary = "Remove a document; the bot stops using it within seconds")
    @APIResponse(responseCode = "204", description = "Deleted")
    public Uni<RestResponse<Void>> delete(@PathParam("botId") UUID botId, @PathParam("docId") UUID docId) {
        return knowledge.delete(owner.id(), botId, docId).map(ignored -> RestResponse.noContent());
    }
}

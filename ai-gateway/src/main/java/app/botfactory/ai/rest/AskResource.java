// The owner's test chat: ask a bot a question the way a customer would and see the answer and
// the documents it came from. Same retrieval, prompt and limits as a channel message.
package app.botfactory.ai.rest;

import app.botfactory.ai.service.AnswerService.Answer;
import app.botfactory.ai.service.ConversationService;
import app.botfactory.platform.web.PlainText;
import app.botfactory.platform.web.CallerAccount;
import app.botfactory.platform.web.Problem;
import io.quarkus.security.Authenticated;
import io.smallrye.mutiny.Uni;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
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

import java.util.List;
import java.util.UUID;

@Path("/api/bots/{botId}/ask")
@Authenticated
@Produces(MediaType.APPLICATION_JSON)
@SecurityRequirement(name = "jwt")
@Tag(name = "ask", description = "The owner's test chat")
public class AskResource {

    public record AskRequest(@NotBlank @Size(max = 4096) @PlainText String text) { }

    public record SourceResponse(UUID docId, String title) { }

    public record AskResponse(String text, String kind, List<SourceResponse> sources) { }

    private final ConversationService conversations;
    private final CallerAccount caller;

    public AskResource(ConversationService conversations, CallerAccount caller) {
        this.conversations = conversations;
        this.caller = caller;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Ask the bot a question as a customer would (counts toward usage)")
    @APIResponse(responseCode = "200", description = "ANSWER, FALLBACK or LIMIT, with the sources used",
            content = @Content(schema = @Schema(implementation = AskResponse.class)))
    @APIResponse(responseCode = "404", description = "No such bot for this owner",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<AskResponse> ask(@PathParam("botId") UUID botId, @Valid @NotNull AskRequest body,
            @Parameter(hidden = true) @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization) {
        return conversations.ask(caller.id(), botId, body.text(), authorization).map(AskResource::toResponse);
    }

    private static AskResponse toResponse(Answer a) {
        return new AskResponse(a.text(), a.kind(),
                a.sources().stream().map(s -> new SourceResponse(s.docId(), s.title())).toList());
    }

}

// The owner's side of the Telegram channel: connect a bot token, see the connection, disconnect.
package app.botfactory.telegram.rest;

import app.botfactory.platform.web.CallerAccount;
import app.botfactory.platform.web.Problem;
import app.botfactory.telegram.mapping.ConnectionMapper;
import app.botfactory.telegram.rest.ChannelDtos.ConnectRequest;
import app.botfactory.telegram.rest.ChannelDtos.ConnectionResponse;
import app.botfactory.telegram.service.ConnectionService;
import io.quarkus.security.Authenticated;
import io.smallrye.mutiny.Uni;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
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

import java.util.UUID;

@Path("/api/bots/{botId}/channels/telegram")
@Authenticated
@Produces(MediaType.APPLICATION_JSON)
@SecurityRequirement(name = "jwt")
@Tag(name = "telegram", description = "Connect a bot to Telegram")
@APIResponse(responseCode = "404", description = "No such bot for this owner",
        content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
public class TelegramChannelResource {

    private final ConnectionService connections;
    private final CallerAccount caller;

    public TelegramChannelResource(ConnectionService connections, CallerAccount caller) {
        this.connections = connections;
        this.caller = caller;
    }

    @PUT
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Connect (or re-connect) the bot's Telegram token: getMe, then setWebhook")
    @APIResponse(responseCode = "200", description = "Connected",
            content = @Content(schema = @Schema(implementation = ConnectionResponse.class)))
    @APIResponse(responseCode = "400", description = "invalid-telegram-token: Telegram rejected the token",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "503", description = "Telegram unreachable; try again",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<ConnectionResponse> connect(@PathParam("botId") UUID botId, @Valid @NotNull ConnectRequest body,
            @Parameter(hidden = true) @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization) {
        return connections.connect(caller.id(), botId, body.token(), authorization).map(ConnectionMapper::toResponse);
    }

    @GET
    @Operation(summary = "The bot's Telegram connection (username and webhook), 404 when not connected")
    public Uni<ConnectionResponse> status(@PathParam("botId") UUID botId) {
        return connections.status(caller.id(), botId).map(ConnectionMapper::toResponse);
    }

    @DELETE
    @Operation(summary = "Disconnect: deleteWebhook and forget the token")
    @APIResponse(responseCode = "204", description = "Disconnected")
    public Uni<RestResponse<Void>> disconnect(@PathParam("botId") UUID botId) {
        return connections.disconnect(caller.id(), botId).map(ignored -> RestResponse.noContent());
    }

}

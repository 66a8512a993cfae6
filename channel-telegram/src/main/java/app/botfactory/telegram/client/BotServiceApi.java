// REST client for bot-service's public `GET /api/bots/{id}`, called with the caller's own access token.
// Used only when the bot.events read model does not know a bot yet (created a moment ago), so an
// owner can connect Telegram right after creating the bot; bot.events stays the main path.
package app.botfactory.telegram.client;

import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

import java.util.UUID;

@RegisterRestClient(configKey = "bots")
@Path("/api/bots")
public interface BotServiceApi {

    @GET
    @Path("/{id}")
    @Produces(MediaType.APPLICATION_JSON)
    Uni<BotView> get(@PathParam("id") UUID id, @HeaderParam("Authorization") String authorization);

    /** The fields of the contract's bot this channel keeps. */
    record BotView(UUID id, String welcomeMessage, String status) {
    }
}

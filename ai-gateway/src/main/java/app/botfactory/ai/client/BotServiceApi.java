// REST client for bot-service's public `GET /api/bots/{id}`, called with the caller's own access token.
// Used only when the owner asks a bot the bot.events copy does not know yet (created a moment ago):
// bot-service's answer proves ownership and supplies the settings; bot.events stays the main path.
package app.botfactory.ai.client;

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

    /** The fields of the contract's bot an answer needs. */
    record BotView(UUID id, String name, String systemPrompt, String language, String fallbackMessage,
                   String status) {
    }
}

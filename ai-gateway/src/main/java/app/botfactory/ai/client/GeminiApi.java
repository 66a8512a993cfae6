// Gemini's REST API as Google defines it:
// POST {GEMINI_BASE_URL}/v1beta/models/{model}:generateContent with the key in x-goog-api-key.
package app.botfactory.ai.client;

import com.fasterxml.jackson.databind.JsonNode;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

@RegisterRestClient(configKey = "gemini")
@Path("/v1beta/models")
public interface GeminiApi {

    @POST
    @Path("/{model}:generateContent")
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    Uni<Response> generateContent(@PathParam("model") String model, @HeaderParam("x-goog-api-key") String apiKey,
                                  JsonNode request);
}

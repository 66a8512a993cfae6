// The Telegram Bot API as Telegram defines it: POST {TELEGRAM_API_BASE_URL}/bot{token}/{method}
// with a JSON body. Raw responses come back (the default error mapper is off) so TelegramClient
// can read Telegram's own error_code, description and parameters.retry_after.
package app.botfactory.telegram.client;

import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.Encoded;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

import java.util.Map;

@RegisterRestClient(configKey = "telegram")
@Path("/")
public interface TelegramApi {

    /** `token` is [0-9A-Za-z:_-] only and goes into the path as is (Telegram wants the colon raw). */
    @POST
    @Path("bot{token}/{method}")
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    Uni<Response> call(@PathParam("token") @Encoded String token, @PathParam("method") String method,
                       Map<String, Object> body);
}

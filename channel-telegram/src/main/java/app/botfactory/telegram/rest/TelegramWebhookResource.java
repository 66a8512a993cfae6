// Telegram calls this with each Update. The secret header is checked first (401, nothing done);
// the update is recorded and 200 returned right away — the AI answer happens elsewhere, later.
package app.botfactory.telegram.rest;

import app.botfactory.platform.web.Problem;
import app.botfactory.telegram.service.WebhookService;
import com.fasterxml.jackson.databind.JsonNode;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestResponse;

import java.util.UUID;

@Path("/telegram/webhook/{botId}")
@Tag(name = "telegram-webhook", description = "Called by Telegram, not by people")
public class TelegramWebhookResource {

    private final WebhookService webhooks;

    public TelegramWebhookResource(WebhookService webhooks) {
        this.webhooks = webhooks;
    }

    @POST
    @PermitAll
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Receive a Telegram Update")
    @APIResponse(responseCode = "200", description = "Taken in (or a redelivery, or a kind we skip)")
    @APIResponse(responseCode = "401", description = "Wrong or missing X-Telegram-Bot-Api-Secret-Token",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<RestResponse<Void>> receive(@PathParam("botId") UUID botId,
                                           @HeaderParam("X-Telegram-Bot-Api-Secret-Token") String secret,
                                           JsonNode update) {
        return webhooks.receive(botId, secret, update).map(outcome -> RestResponse.ok());
    }
}

// The one bean that talks to Telegram: owns the timeout, decodes Telegram's envelope, and never
// lets the bot token reach a log line or an error message.
package app.botfactory.telegram.client;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.faulttolerance.Timeout;
import org.eclipse.microprofile.rest.client.inject.RestClient;

import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

@ApplicationScoped
public class TelegramClient {

    /** Only text messages are taken in; everything else is not even sent to us. */
    public static final List<String> ALLOWED_UPDATES = List.of("message");

    private final TelegramApi api;
    private final ObjectMapper json;

    public TelegramClient(@RestClient TelegramApi api, ObjectMapper json) {
        this.api = api;
        this.json = json;
    }

    @Timeout(value = 10, unit = ChronoUnit.SECONDS)
    public Uni<TelegramReply> getMe(String token) {
        return call(token, "getMe", Map.of());
    }

    @Timeout(value = 10, unit = ChronoUnit.SECONDS)
    public Uni<TelegramReply> setWebhook(String token, String url, String secret, int maxConnections) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("url", url);
        body.put("secret_token", secret);
        body.put("allowed_updates", ALLOWED_UPDATES);
        body.put("max_connections", maxConnections);
        return call(token, "setWebhook", body);
    }

    @Timeout(value = 10, unit = ChronoUnit.SECONDS)
    public Uni<TelegramReply> deleteWebhook(String token) {
        return call(token, "deleteWebhook", Map.of("drop_pending_updates", false));
    }

    /** Plain text only: no parse_mode, so a customer's `*` or `<` is never markup. */
    @Timeout(value = 15, unit = ChronoUnit.SECONDS)
    public Uni<TelegramReply> sendMessage(String token, String chatId, String text) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("chat_id", chatId);
        body.put("text", text);
        body.put("link_preview_options", Map.of("is_disabled", true));
        return call(token, "sendMessage", body);
    }

    private Uni<TelegramReply> call(String token, String method, Map<String, Object> body) {
        return api.call(token, method, body).map(this::decode)
                // Should a default mapper still turn a 4xx/5xx into an exception, read Telegram's answer from it.
                .onFailure(WebApplicationException.class)
                .recoverWithItem(e -> decode(((WebApplicationException) e).getResponse()))
                // Failures carry the method only: the URL holds the token.
                .onFailure(e -> !(e instanceof TelegramUnreachable))
                .transform(e -> new TelegramUnreachable(method, e.getClass().getSimpleName()));
    }

    private TelegramReply decode(Response response) {
        int status = response.getStatus();
        String raw = response.hasEntity() ? response.readEntity(String.class) : "";
        try {
            JsonNode node = json.readTree(raw);
            boolean ok = node.path("ok").asBoolean(false);
            Integer retryAfter = node.path("parameters").has("retry_after")
                    ? node.path("parameters").path("retry_after").asInt() : null;
            return new TelegramReply(status, ok, node.get("result"), node.path("error_code").asInt(ok ? 0 : status),
                    node.path("description").asText(""), retryAfter);
        } catch (Exception e) {
            return new TelegramReply(status, false, null, status, "unreadable Telegram response", null);
        }
    }

    /** Telegram could not be reached (network, timeout): worth retrying later. */
    public static class TelegramUnreachable extends RuntimeException {
        public TelegramUnreachable(String method, String reason) {
            super("Telegram " + method + " unreachable: " + reason, null, false, false);
        }
    }
}

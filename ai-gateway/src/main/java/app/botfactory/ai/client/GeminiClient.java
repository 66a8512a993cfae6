// The one bean that calls Gemini: builds generateContent requests, retries 429/500/503/504 and
// connections that got no answer with backoff (waiting as long as RetryInfo asks), never retries
// other 4xx, bounds the whole call with a timeout and opens a circuit when Gemini keeps failing.
// Callers get text or a failure.
package app.botfactory.ai.client;

import app.botfactory.ai.config.AiConfig;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.faulttolerance.CircuitBreaker;
import org.eclipse.microprofile.faulttolerance.Timeout;
import org.eclipse.microprofile.rest.client.inject.RestClient;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Set;

@ApplicationScoped
public class GeminiClient {

    /** One message of the conversation sent to the model ("user" or "model"). */
    public record Turn(String role, String text) { }

    /** Gemini said no for good (bad request, blocked, key refused): do not retry. */
    public static class GeminiRejected extends RuntimeException {
        public GeminiRejected(String message) {
            super(message, null, false, false);
        }
    }

    /** Gemini was busy or down after every retry. */
    public static class GeminiUnavailable extends RuntimeException {
        public GeminiUnavailable(String message) {
            super(message, null, false, false);
        }
    }

    private static final Logger LOG = Logger.getLogger(GeminiClient.class);
    private static final Set<Integer> RETRYABLE = Set.of(429, 500, 503, 504);
    private static final JsonNode NO_BODY = MissingNode.getInstance();

    private final GeminiApi api;
    private final AiConfig config;
    private final ObjectMapper json;

    public GeminiClient(@RestClient GeminiApi api, AiConfig config, ObjectMapper json) {
        this.api = api;
        this.config = config;
        this.json = json;
    }

    public boolean enabled() {
        return config.googleApiKey().filter(k -> !k.isBlank()).isPresent();
    }

    @Timeout(value = 30, unit = ChronoUnit.SECONDS)
    @CircuitBreaker(requestVolumeThreshold = 10, failureRatio = 0.6, delay = 15, delayUnit = ChronoUnit.SECONDS,
            skipOn = GeminiRejected.class)
    public Uni<String> generate(String systemInstruction, List<Turn> contents) {
        ObjectNode request = request(systemInstruction, contents);
        return attempt(request, 0);
    }

    private Uni<String> attempt(ObjectNode request, int retry) {
        String key = config.googleApiKey().orElse("");
        return api.generateContent(config.model(), key, request)
                .onFailure(WebApplicationException.class)
                .recoverWithItem(e -> ((WebApplicationException) e).getResponse())
                .onItemOrFailure().transformToUni((response, failure) -> {
                    if (failure != null) {
                        // No HTTP answer at all (refused, reset, closed mid-response): as transient as a
                        // 503, and generateContent has no side effects, so it is retried the same way.
                        String what = failure.getClass().getSimpleName();
                        if (retry < config.maxRetries()) {
                            return later(request, retry, retryDelay(NO_BODY, retry), "unreachable (" + what + ")");
                        }
                        return Uni.createFrom().failure(new GeminiUnavailable("Gemini unreachable: " + what));
                    }
                    int status = response.getStatus();
                    JsonNode body = read(response);
                    if (status == 200) {
                        return Uni.createFrom().item(textOf(body));
                    }
                    if (RETRYABLE.contains(status) && retry < config.maxRetries()) {
                        return later(request, retry, retryDelay(body, retry), "status=" + status);
                    }
                    String message = body.path("error").path("message").asText("HTTP " + status);
                    return Uni.createFrom().failure(RETRYABLE.contains(status)
                            ? new GeminiUnavailable("Gemini " + status + " after retries")
                            : new GeminiRejected("Gemini " + status + ": " + message));
                });
    }

    /** The next attempt, after `wait`; `why` says what the last one got. */
    private Uni<String> later(ObjectNode request, int retry, Duration wait, String why) {
        LOG.infof("gemini %s retry=%d wait=%dms", why, retry + 1, wait.toMillis());
        return Uni.createFrom().nullItem().onItem().delayIt().by(wait).chain(() -> attempt(request, retry + 1));
    }

    private ObjectNode request(String systemInstruction, List<Turn> contents) {
        ObjectNode root = json.createObjectNode();
        root.putObject("systemInstruction").putArray("parts").addObject().put("text", systemInstruction);
        ArrayNode turns = root.putArray("contents");
        for (Turn t : contents) {
            ObjectNode turn = turns.addObject();
            turn.put("role", t.role());
            turn.putArray("parts").addObject().put("text", t.text());
        }
        root.putObject("generationConfig").put("temperature", 0.2).put("maxOutputTokens", 1024);
        return root;
    }

    private String textOf(JsonNode body) {
        JsonNode candidate = body.path("candidates").path(0);
        StringBuilder text = new StringBuilder();
        for (JsonNode part : candidate.path("content").path("parts")) {
            text.append(part.path("text").asText(""));
        }
        if (text.length() == 0) {
            String reason = body.path("promptFeedback").path("blockReason").asText(
                    candidate.path("finishReason").asText("EMPTY"));
            throw new GeminiRejected("Gemini returned no text: " + reason);
        }
        return text.toString().trim();
    }

    /** RetryInfo.retryDelay ("12s" / "1.5s") when Gemini gives one, else 0.5 s, 1 s, 2 s ... */
    private static Duration retryDelay(JsonNode body, int retry) {
        for (JsonNode detail : body.path("error").path("details")) {
            if (detail.path("@type").asText().endsWith("google.rpc.RetryInfo")) {
                String delay = detail.path("retryDelay").asText("");
                if (delay.endsWith("s")) {
                    try {
                        double seconds = Double.parseDouble(delay.substring(0, delay.length() - 1));
                        return Duration.ofMillis((long) Math.min(20_000, seconds * 1000));
                    } catch (NumberFormatException ignored) {
                        // fall back to exponential backoff
                    }
                }
            }
        }
        return Duration.ofMillis(500L << Math.min(retry, 4));
    }

    private JsonNode read(Response response) {
        try {
            String raw = response.hasEntity() ? response.readEntity(String.class) : "{}";
            return json.readTree(raw == null || raw.isBlank() ? "{}" : raw);
        } catch (Exception e) {
            return json.createObjectNode();
        }
    }
}

// A stand-in for Google's Gemini API on loopback, speaking its wire format:
// POST /v1beta/models/{model}:generateContent with x-goog-api-key, answering
// {"candidates":[{"content":{"role":"model","parts":[{"text":...}]},"finishReason":"STOP"}]} or
// Google's error envelope. Tests script replies and read back every request; hold() parks every
// answer (without keeping a server thread) until release(), and inFlight() counts requests not yet
// answered, so a test can see how many calls its client really has open at once.
package app.botfactory.testsupport;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

public final class GeminiStandIn implements AutoCloseable {

    /** One generateContent request: the model from the path, the key header and the JSON body. */
    public record Request(String model, String apiKey, String body) { }

    public record Reply(int status, String body) {
        public static Reply text(String text) {
            return new Reply(200, "{\"candidates\":[{\"content\":{\"role\":\"model\",\"parts\":[{\"text\":"
                    + quote(text) + "}]},\"finishReason\":\"STOP\",\"index\":0}],"
                    + "\"usageMetadata\":{\"promptTokenCount\":10,\"candidatesTokenCount\":5,\"totalTokenCount\":15}}");
        }

        public static Reply error(int status, String googleStatus, String message) {
            return new Reply(status, "{\"error\":{\"code\":" + status + ",\"message\":" + quote(message)
                    + ",\"status\":\"" + googleStatus + "\"}}");
        }

        public static Reply unavailable() {
            return error(503, "UNAVAILABLE", "The model is overloaded. Please try again later.");
        }

        public static Reply rateLimited(String retryDelay) {
            return new Reply(429, "{\"error\":{\"code\":429,\"message\":\"Resource has been exhausted\","
                    + "\"status\":\"RESOURCE_EXHAUSTED\",\"details\":[{\"@type\":"
                    + "\"type.googleapis.com/google.rpc.RetryInfo\",\"retryDelay\":\"" + retryDelay + "\"}]}}");
        }

        /** No response at all: the connection is closed under the client, as a reset or a crashed proxy does. */
        public static Reply dropConnection() {
            return new Reply(-1, "");
        }

        public static Reply badRequest() {
            return error(400, "INVALID_ARGUMENT", "Invalid JSON payload received.");
        }
    }

    private HttpServer server;
    private final List<Request> requests = new CopyOnWriteArrayList<>();
    private final Deque<Reply> scripted = new ConcurrentLinkedDeque<>();
    private volatile Function<Request, Reply> answer = r -> Reply.text("Stand-in answer.");
    /** A request whose answer waits for release(). */
    private record Held(HttpExchange exchange, Request request) { }
    private final List<Held> held = new ArrayList<>();
    private boolean holding;
    private final AtomicInteger inFlight = new AtomicInteger();

    private GeminiStandIn() {
    }

    public static GeminiStandIn start() {
        return start(0);
    }

    public static GeminiStandIn start(int port) {
        GeminiStandIn standIn = new GeminiStandIn();
        standIn.server = StandInHttp.listen("Gemini", port, standIn::handle);
        return standIn;
    }

    public String baseUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /** Replies for the next requests, in order, before the normal answer resumes. */
    public void script(Reply... replies) {
        scripted.addAll(List.of(replies));
    }

    /** How to answer when nothing is scripted. */
    public void answerWith(Function<Request, Reply> answer) {
        this.answer = answer;
    }

    /** Keeps at most this many requests (oldest dropped), for a long-running stand-in process. */
    public void keepAtMost(int requests) {
        this.maxKept = requests;
    }

    private volatile int maxKept = Integer.MAX_VALUE;

    public List<Request> requests() {
        return new ArrayList<>(requests);
    }

    /** From now on every answer waits until release() (scripted replies too). */
    public synchronized void hold() {
        holding = true;
    }

    /** Answers every held request (in arrival order) and stops holding. */
    public void release() {
        List<Held> due;
        synchronized (this) {
            holding = false;
            due = new ArrayList<>(held);
            held.clear();
        }
        for (Held h : due) {
            answer(h.exchange(), h.request());
        }
    }

    /** Requests received and not answered yet (held ones included). */
    public int inFlight() {
        return inFlight.get();
    }

    public void reset() {
        release();
        requests.clear();
        scripted.clear();
        answer = r -> Reply.text("Stand-in answer.");
    }

    @Override
    public void close() {
        server.stop(0);
    }

    private void handle(HttpExchange exchange) throws IOException {
        String path = exchange.getRequestURI().getPath();
        String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        String prefix = "/v1beta/models/";
        String suffix = ":generateContent";
        if (!"POST".equals(exchange.getRequestMethod()) || !path.startsWith(prefix) || !path.endsWith(suffix)) {
            respond(exchange, Reply.error(404, "NOT_FOUND", "Method not found."));
            return;
        }
        Request request = new Request(path.substring(prefix.length(), path.length() - suffix.length()),
                exchange.getRequestHeaders().getFirst("x-goog-api-key"), body);
        requests.add(request);
        while (requests.size() > maxKept) {
            requests.remove(0);
        }
        if (request.apiKey() == null || request.apiKey().isBlank()) {
            respond(exchange, Reply.error(403, "PERMISSION_DENIED", "Method doesn't allow unregistered callers."));
            return;
        }
        inFlight.incrementAndGet();
        synchronized (this) {
            if (holding) {
                held.add(new Held(exchange, request));
                return;
            }
        }
        answer(exchange, request);
    }

    /** The scripted or normal reply; a connection the client has given up on is its own business. */
    private void answer(HttpExchange exchange, Request request) {
        try {
            Reply next = scripted.poll();
            respond(exchange, next != null ? next : answer.apply(request));
        } catch (IOException e) {
            exchange.close();
        } finally {
            inFlight.decrementAndGet();
        }
    }

    private static void respond(HttpExchange exchange, Reply reply) throws IOException {
        if (reply.status() < 0) {
            exchange.close();
            return;
        }
        StandInHttp.respondJson(exchange, reply.status(), reply.body(), "application/json; charset=UTF-8");
    }

    static String quote(String s) {
        StringBuilder b = new StringBuilder("\"");
        for (char c : s.toCharArray()) {
            switch (c) {
                case '"' -> b.append("\\\"");
                case '\\' -> b.append("\\\\");
                case '\n' -> b.append("\\n");
                case '\r' -> b.append("\\r");
                case '\t' -> b.append("\\t");
                default -> {
                    if (c < 0x20) {
                        b.append(String.format("\\u%04x", (int) c));
                    } else {
                        b.append(c);
                    }
                }
            }
        }
        return b.append('"').toString();
    }
}

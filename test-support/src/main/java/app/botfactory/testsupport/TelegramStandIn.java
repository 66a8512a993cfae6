// A stand-in for the Telegram Bot API on loopback, speaking its wire format at
// /bot{token}/{method} (JSON bodies, {"ok":true,"result":...} or {"ok":false,"error_code":...}).
// Tests register tokens, script failures per method, and read back every call it received; a process
// outside the test JVM (the launcher's stand-ins) does the same over /__standin/ (see StandIns).
// Slow answers, as the real Telegram sometimes gives, without keeping a server thread: holdWhile()
// parks matching calls until release(), and latency() answers each call after a delay it chooses.
package app.botfactory.testsupport;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.function.Predicate;
import java.util.function.ToLongFunction;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

public final class TelegramStandIn implements AutoCloseable {

    /**
     * One request the stand-in received. `body` is the raw JSON the client sent; `atNanos` (System.nanoTime)
     * and `atMillis` (wall clock, comparable across processes on this machine) when it arrived.
     */
    public record Call(String token, String method, String body, long atNanos, long atMillis) { }

    /** A canned answer: HTTP status and JSON body. */
    public record Reply(int status, String body) {
        public static Reply tooManyRequests(int retryAfterSeconds) {
            return new Reply(429, "{\"ok\":false,\"error_code\":429,\"description\":\"Too Many Requests: retry after "
                    + retryAfterSeconds + "\",\"parameters\":{\"retry_after\":" + retryAfterSeconds + "}}");
        }

        public static Reply blockedByUser() {
            return new Reply(403, "{\"ok\":false,\"error_code\":403,"
                    + "\"description\":\"Forbidden: bot was blocked by the user\"}");
        }

        public static Reply chatNotFound() {
            return new Reply(400, "{\"ok\":false,\"error_code\":400,\"description\":\"Bad Request: chat not found\"}");
        }

        public static Reply serverError() {
            return new Reply(502, "{\"ok\":false,\"error_code\":502,\"description\":\"Bad Gateway\"}");
        }
    }

    private HttpServer server;
    /** Answers due later (latency); one thread, since it only writes small responses. */
    private final ScheduledExecutorService later = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "telegram-stand-in-latency");
        t.setDaemon(true);
        return t;
    });
    private volatile ToLongFunction<Call> latency = call -> 0;
    private volatile Predicate<Call> hold = call -> false;
    /** Calls parked by holdWhile, with the answer they get at release (guarded by `this`). */
    private final List<Map.Entry<HttpExchange, Reply>> held = new ArrayList<>();
    private final Map<String, Long> tokens = new ConcurrentHashMap<>();
    private final Map<String, Deque<Reply>> scripted = new ConcurrentHashMap<>();
    private final Deque<Call> calls = new ConcurrentLinkedDeque<>();
    private final AtomicInteger kept = new AtomicInteger();
    private final AtomicLong messageIds = new AtomicLong(1000);

    private TelegramStandIn() {
    }

    public static TelegramStandIn start() {
        return start(0);
    }

    /** On a fixed port (0 = any free one), e.g. for a benchmark that starts services after it. */
    public static TelegramStandIn start(int port) {
        TelegramStandIn standIn = new TelegramStandIn();
        standIn.server = StandInHttp.listen("Telegram", port, standIn::handle);
        return standIn;
    }

    public String baseUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /** Makes `token` valid; its bot gets the given Telegram id and username. */
    public String addBot(long telegramId, String username) {
        String token = telegramId + ":AA" + Long.toHexString(Double.doubleToLongBits(Math.random()))
                + "bcdefghijklmnopqrstuvwxyz012345";
        tokens.put(token, telegramId);
        usernames.put(telegramId, username);
        return token;
    }

    private final Map<Long, String> usernames = new ConcurrentHashMap<>();

    /** The next calls of `method` get these replies, in order, before normal answers resume. */
    public void script(String method, Reply... replies) {
        Deque<Reply> queue = scripted.computeIfAbsent(method, m -> new ConcurrentLinkedDeque<>());
        queue.addAll(List.of(replies));
    }

    /** Keeps at most this many calls (oldest dropped): a long-running stand-in must not grow forever. */
    public void keepAtMost(int calls) {
        this.maxKept = calls;
    }

    private volatile int maxKept = Integer.MAX_VALUE;

    private volatile Consumer<Call> listener = call -> { };

    /**
     * Tells `listener` about every Bot API call the moment it arrives (before the reply is written), on the
     * server's thread; `Call.atNanos` is its arrival time. A benchmark times replies with it. One listener;
     * a later one replaces the earlier. It must be quick and must not throw.
     */
    public void onCall(Consumer<Call> listener) {
        this.listener = listener == null ? call -> { } : listener;
    }

    /** Calls matching `which` (from now on) get their answer only at release(); others as usual. */
    public void holdWhile(Predicate<Call> which) {
        this.hold = which == null ? call -> false : which;
    }

    /** Stops holding and answers every held call, in arrival order. */
    public void release() {
        hold = call -> false;
        List<Map.Entry<HttpExchange, Reply>> due;
        synchronized (this) {
            due = new ArrayList<>(held);
            held.clear();
        }
        due.forEach(h -> quietly(h.getKey(), h.getValue()));
    }

    /** Calls held and not answered yet. */
    public synchronized int heldCalls() {
        return held.size();
    }

    /**
     * Answers every call `millis(call)` milliseconds after it arrived (0: at once), e.g. a benchmark's
     * Telegram that takes 150 ms, and 3 s for one call in a hundred.
     */
    public void latency(ToLongFunction<Call> millis) {
        this.latency = millis == null ? call -> 0 : millis;
    }

    public List<Call> calls() {
        return new ArrayList<>(calls);
    }

    public List<Call> calls(String method) {
        return calls.stream().filter(c -> c.method().equals(method)).toList();
    }

    public List<Call> calls(String method, Predicate<Call> match) {
        return calls.stream().filter(c -> c.method().equals(method) && match.test(c)).toList();
    }

    public void reset() {
        release();
        latency = call -> 0;
        calls.clear();
        kept.set(0);
        scripted.clear();
    }

    @Override
    public void close() {
        release();
        later.shutdownNow();
        server.stop(0);
    }

    private void handle(HttpExchange exchange) throws IOException {
        String path = exchange.getRequestURI().getPath();
        String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        if (path.startsWith("/__standin/")) {
            respond(exchange, control(exchange.getRequestMethod(), path, exchange.getRequestURI().getQuery(), body));
            return;
        }
        if (!path.startsWith("/bot") || path.indexOf('/', 4) < 0) {
            respond(exchange, new Reply(404, "{\"ok\":false,\"error_code\":404,\"description\":\"Not Found\"}"));
            return;
        }
        String token = path.substring(4, path.indexOf('/', 4));
        String method = path.substring(path.indexOf('/', 4) + 1);
        Call call = new Call(token, method, body, System.nanoTime(), System.currentTimeMillis());
        calls.add(call);
        try {
            listener.accept(call);
        } catch (RuntimeException e) {
            // a listener's bug must not turn into a Telegram error
        }
        if (kept.incrementAndGet() > maxKept && calls.pollFirst() != null) {
            kept.decrementAndGet();
        }
        Long botId = tokens.get(token);
        if (botId == null) {
            respond(exchange, new Reply(401, "{\"ok\":false,\"error_code\":401,\"description\":\"Unauthorized\"}"));
            return;
        }
        Deque<Reply> queue = scripted.get(method);
        Reply next = queue == null ? null : queue.poll();
        Reply reply = next != null ? next : answer(method, botId, body);
        if (hold.test(call)) {
            synchronized (this) {
                held.add(Map.entry(exchange, reply));
            }
            return;
        }
        long delay = latency.applyAsLong(call);
        if (delay > 0) {
            later.schedule(() -> quietly(exchange, reply), delay, TimeUnit.MILLISECONDS);
            return;
        }
        respond(exchange, reply);
    }

    /** Answers a call later (off the server's thread); a client that gave up meanwhile is no error. */
    private static void quietly(HttpExchange exchange, Reply reply) {
        try {
            respond(exchange, reply);
        } catch (IOException | RuntimeException gone) {
            exchange.close();
        }
    }

    private Reply answer(String method, long botId, String body) {
        return switch (method) {
            case "getMe" -> new Reply(200, "{\"ok\":true,\"result\":{\"id\":" + botId + ",\"is_bot\":true,"
                    + "\"first_name\":\"Shop\",\"username\":\"" + usernames.get(botId) + "\",\"can_join_groups\":true,"
                    + "\"can_read_all_group_messages\":false,\"supports_inline_queries\":false}}");
            case "setWebhook" -> new Reply(200, "{\"ok\":true,\"result\":true,\"description\":\"Webhook was set\"}");
            case "deleteWebhook" -> new Reply(200, "{\"ok\":true,\"result\":true,\"description\":\"Webhook was deleted\"}");
            case "getWebhookInfo" -> new Reply(200, "{\"ok\":true,\"result\":{\"url\":\"\",\"pending_update_count\":0}}");
            case "sendMessage" -> new Reply(200, "{\"ok\":true,\"result\":{\"message_id\":" + messageIds.incrementAndGet()
                    + ",\"date\":" + (System.currentTimeMillis() / 1000) + ",\"chat\":{\"id\":1,\"type\":\"private\"},"
                    + "\"text\":\"...\"}}");
            default -> new Reply(404, "{\"ok\":false,\"error_code\":404,\"description\":\"Not Found: method not found\"}");
        };
    }

    /**
     * The control API for other processes: POST /__standin/bots {"username":"shop_bot"} makes a valid token;
     * GET /__standin/calls?method=sendMessage lists the calls received (token, method, raw JSON body, and
     * `at`, epoch milliseconds of arrival, as a string like the rest).
     */
    private Reply control(String httpMethod, String path, String query, String body) {
        if ("POST".equals(httpMethod) && path.equals("/__standin/bots")) {
            Matcher m = Pattern.compile("\"username\"\\s*:\\s*\"([A-Za-z0-9_]{3,32})\"")
                    .matcher(body);
            String username = m.find() ? m.group(1) : "standin_" + messageIds.incrementAndGet() + "_bot";
            long telegramId = 7_000_000_000L + (long) (Math.random() * 999_999_999L);
            String token = addBot(telegramId, username);
            return new Reply(200, "{\"token\":\"" + token + "\",\"username\":\"" + username + "\",\"id\":"
                    + telegramId + "}");
        }
        if ("GET".equals(httpMethod) && path.equals("/__standin/calls")) {
            String method = query != null && query.startsWith("method=") ? query.substring(7) : null;
            StringBuilder json = new StringBuilder("[");
            for (Call c : method == null ? calls() : calls(method)) {
                json.append(json.length() > 1 ? "," : "").append("{\"token\":").append(GeminiStandIn.quote(c.token()))
                        .append(",\"method\":").append(GeminiStandIn.quote(c.method()))
                        .append(",\"body\":").append(GeminiStandIn.quote(c.body()))
                        .append(",\"at\":\"").append(c.atMillis()).append("\"}");
            }
            return new Reply(200, json.append(']').toString());
        }
        if ("POST".equals(httpMethod) && path.equals("/__standin/reset")) {
            reset();
            return new Reply(200, "{\"ok\":true}");
        }
        return new Reply(404, "{\"ok\":false,\"error_code\":404,\"description\":\"Not Found\"}");
    }

    private static void respond(HttpExchange exchange, Reply reply) throws IOException {
        StandInHttp.respondJson(exchange, reply.status(), reply.body(), "application/json");
    }
}

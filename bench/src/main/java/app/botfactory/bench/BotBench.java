// bot-service benchmark: concurrent owners run create -> get -> update -> list -> delete cycles
// against the running platform; prints per-operation throughput and p50/p99, and the outbox lag
// from commit (event occurredAt) to the record arriving on bot.events at that load.
// Usage: BotBench <accountsUrl> <billingUrl> <botsUrl> <kafka> <owners> <concurrency> <seconds>
package app.botfactory.bench;

import org.HdrHistogram.Histogram;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.StringDeserializer;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

public final class BotBench {

    private static final Map<String, String> JSON = Map.of("Content-Type", "application/json");
    private static final Pattern OCCURRED = Pattern.compile("\"occurredAt\":\"([^\"]+)\"");
    private static final String[] OPS = {"POST /api/bots", "GET /api/bots/{id}", "PUT /api/bots/{id}",
        "GET /api/bots", "DELETE /api/bots/{id}"};

    private BotBench() { }

    public static void main(String[] args) throws Exception {
        String accounts = args[0];
        String billing = args[1];
        String bots = args[2];
        String kafka = args[3];
        int owners = Integer.parseInt(args[4]);
        int concurrency = Integer.parseInt(args[5]);
        int seconds = Integer.parseInt(args[6]);

        List<String> tokens = prepareOwners(accounts, billing, bots, owners);
        LoadDriver driver = new LoadDriver(bots, concurrency);
        Map<String, Histogram> latency = new LinkedHashMap<>();
        for (String op : OPS) {
            latency.put(op, new Histogram(60_000_000L, 3));
        }
        Histogram lag = new Histogram(600_000_000L, 3);
        AtomicBoolean running = new AtomicBoolean(true);
        Thread lagReader = new Thread(() -> readLag(kafka, lag, running), "outbox-lag");
        lagReader.start();
        Thread.sleep(3000); // let the lag consumer join its group before load starts

        System.out.printf("load: %d owners, %d concurrent callers, %d s%n", owners, concurrency, seconds);
        AtomicLong errors = new AtomicLong();
        ExecutorService pool = Executors.newFixedThreadPool(concurrency);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        long started = System.nanoTime();
        for (int w = 0; w < concurrency; w++) {
            String token = tokens.get(w % tokens.size());
            pool.submit(() -> {
                Map<String, String> auth = Map.of("Authorization", "Bearer " + token,
                        "Content-Type", "application/json");
                while (System.nanoTime() < deadline) {
                    try {
                        cycle(driver, auth, latency, errors);
                    } catch (Exception e) {
                        errors.incrementAndGet();
                    }
                }
            });
        }
        pool.shutdown();
        pool.awaitTermination(seconds + 60L, TimeUnit.SECONDS);
        double elapsed = (System.nanoTime() - started) / 1e9;
        Thread.sleep(3000); // the last events drain
        running.set(false);
        lagReader.join();

        long total = 0;
        for (Map.Entry<String, Histogram> e : latency.entrySet()) {
            Histogram h = e.getValue();
            total += h.getTotalCount();
            System.out.printf("%-24s %8.1f req/s  p50=%7.2f ms  p99=%7.2f ms%n", e.getKey(),
                    h.getTotalCount() / elapsed, h.getValueAtPercentile(50) / 1000.0,
                    h.getValueAtPercentile(99) / 1000.0);
        }
        System.out.printf("%-24s %8.1f req/s  errors=%d%n", "all bot CRUD", total / elapsed, errors.get());
        System.out.printf("%-24s events=%d  p50=%7.2f ms  p99=%7.2f ms  max=%7.2f ms%n", "outbox lag (commit->topic)",
                lag.getTotalCount(), lag.getValueAtPercentile(50) / 1000.0, lag.getValueAtPercentile(99) / 1000.0,
                lag.getMaxValue() / 1000.0);
        System.exit(0);
    }

    private static void cycle(LoadDriver driver, Map<String, String> auth, Map<String, Histogram> latency,
                              AtomicLong errors) throws Exception {
        String id = extract(timed(driver, latency.get(OPS[0]), errors, 201,
                new LoadDriver.Call("POST", "/api/bots", "{\"name\":\"Bench bot\",\"language\":\"uz\"}", auth)), "id");
        if (id == null) {
            return;
        }
        timed(driver, latency.get(OPS[1]), errors, 200, new LoadDriver.Call("GET", "/api/bots/" + id, null, auth));
        timed(driver, latency.get(OPS[2]), errors, 200, new LoadDriver.Call("PUT", "/api/bots/" + id,
                "{\"name\":\"Bench bot 2\",\"language\":\"ru\",\"status\":\"PAUSED\"}", auth));
        timed(driver, latency.get(OPS[3]), errors, 200, new LoadDriver.Call("GET", "/api/bots", null, auth));
        timed(driver, latency.get(OPS[4]), errors, 204, new LoadDriver.Call("DELETE", "/api/bots/" + id, null, auth));
    }

    private static String timed(LoadDriver driver, Histogram histogram, AtomicLong errors, int expected,
                                LoadDriver.Call call) throws Exception {
        long t0 = System.nanoTime();
        HttpResponse<String> response = driver.send(call);
        long micros = (System.nanoTime() - t0) / 1000;
        synchronized (histogram) {
            histogram.recordValue(Math.min(micros, 60_000_000L));
        }
        if (response.statusCode() != expected) {
            errors.incrementAndGet();
            return null;
        }
        return response.body();
    }

    /** Registers owners, logs them in and puts each on BUSINESS (10 bots) through billing. */
    private static List<String> prepareOwners(String accounts, String billing, String bots, int owners)
            throws Exception {
        LoadDriver accountsApi = new LoadDriver(accounts, 4);
        LoadDriver billingApi = new LoadDriver(billing, 4);
        LoadDriver botsApi = new LoadDriver(bots, 4);
        List<String> tokens = new ArrayList<>();
        String run = UUID.randomUUID().toString().substring(0, 8);
        for (int i = 0; i < owners; i++) {
            String email = "bench-owner-" + run + "-" + i + "@example.com";
            accountsApi.send(new LoadDriver.Call("POST", "/api/users/register",
                    "{\"email\":\"" + email + "\",\"password\":\"bench-password-1\",\"name\":\"Owner " + i + "\"}", JSON));
            String login = accountsApi.send(new LoadDriver.Call("POST", "/api/users/login",
                    "{\"email\":\"" + email + "\",\"password\":\"bench-password-1\"}", JSON)).body();
            String token = extract(login, "accessToken");
            Map<String, String> auth = Map.of("Authorization", "Bearer " + token, "Content-Type", "application/json");
            HttpResponse<String> sub = billingApi.send(new LoadDriver.Call("PUT", "/api/subscriptions/plan",
                    "{\"plan\":\"BUSINESS\"}", auth));
            if (sub.statusCode() != 200) {
                throw new IllegalStateException("subscribe failed: " + sub.statusCode() + " " + sub.body());
            }
            tokens.add(token);
        }
        // The entitlement travels billing -> outbox -> Kafka -> bot-service; wait until the last one landed.
        Map<String, String> last = Map.of("Authorization", "Bearer " + tokens.get(tokens.size() - 1),
                "Content-Type", "application/json");
        Instant until = Instant.now().plusSeconds(60);
        while (Instant.now().isBefore(until)) {
            HttpResponse<String> probe = botsApi.send(new LoadDriver.Call("POST", "/api/bots", "{\"name\":\"probe\"}", last));
            if (probe.statusCode() == 201) {
                botsApi.send(new LoadDriver.Call("DELETE", "/api/bots/" + extract(probe.body(), "id"), null, last));
                System.out.printf("prepared %d owners on BUSINESS%n", owners);
                return tokens;
            }
            Thread.sleep(200);
        }
        throw new IllegalStateException("entitlements never reached bot-service");
    }

    private static void readLag(String kafka, Histogram lag, AtomicBoolean running) {
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka,
                ConsumerConfig.GROUP_ID_CONFIG, "bench-lag-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "latest",
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName(),
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName()))) {
            consumer.subscribe(List.of("bot.events"));
            while (running.get()) {
                for (ConsumerRecord<String, String> r : consumer.poll(Duration.ofMillis(100))) {
                    Matcher m = OCCURRED.matcher(r.value());
                    if (m.find()) {
                        long micros = Duration.between(Instant.parse(m.group(1)), Instant.now()).toNanos() / 1000;
                        lag.recordValue(Math.max(0, Math.min(micros, 600_000_000L)));
                    }
                }
            }
        }
    }

    static String extract(String json, String field) {
        if (json == null) {
            return null;
        }
        int at = json.indexOf("\"" + field + "\":\"");
        if (at < 0) {
            return null;
        }
        int i = at + field.length() + 4;
        return json.substring(i, json.indexOf('"', i));
    }
}

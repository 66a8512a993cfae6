// channel-telegram benchmark against the real service, Postgres and Kafka, with an instant
// stand-in Telegram in this JVM: webhook ingest throughput and p50/p99 next to a trivial endpoint
// (/q/health/live) in the same run, then the outbound sendMessage rate across N bots.
// Usage: TelegramBench <accountsUrl> <channelUrl> <kafka> <standInPort> <bots> <concurrency> <seconds>
package app.botfactory.bench;

import app.botfactory.testsupport.TelegramStandIn;
import app.botfactory.testsupport.TestKafkaClient;
import org.HdrHistogram.Histogram;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

public final class TelegramBench {

    private static final Pattern SECRET = Pattern.compile("\"secret_token\":\"([^\"]+)\"");
    private static final Pattern BENCH_NO = Pattern.compile("bench #(\\d+)");

    private TelegramBench() { }

    public static void main(String[] args) throws Exception {
        String accounts = args[0];
        String channel = args[1];
        String kafka = args[2];
        int standInPort = Integer.parseInt(args[3]);
        int botCount = Integer.parseInt(args[4]);
        int concurrency = Integer.parseInt(args[5]);
        int seconds = Integer.parseInt(args[6]);

        TelegramStandIn telegram = TelegramStandIn.start(standInPort);
        System.out.println("stand-in Telegram on " + telegram.baseUrl() + "; waiting for the services ...");
        LoadDriver accountsApi = new LoadDriver(accounts, 4);
        LoadDriver channelApi = new LoadDriver(channel, concurrency);
        awaitReady(accountsApi);
        awaitReady(channelApi);

        String email = "tg-bench-" + UUID.randomUUID() + "@example.com";
        Map<String, String> json = Map.of("Content-Type", "application/json");
        accountsApi.send(new LoadDriver.Call("POST", "/api/users/register",
                "{\"email\":\"" + email + "\",\"password\":\"bench-password-1\",\"name\":\"Bench\"}", json));
        String token = BotBench.extract(accountsApi.send(new LoadDriver.Call("POST", "/api/users/login",
                "{\"email\":\"" + email + "\",\"password\":\"bench-password-1\"}", json)).body(), "accessToken");
        String ownerId = BotBench.extract(accountsApi.send(new LoadDriver.Call("GET", "/api/users/me", null,
                Map.of("Authorization", "Bearer " + token))).body(), "id");
        Map<String, String> auth = Map.of("Authorization", "Bearer " + token, "Content-Type", "application/json");

        List<String> botIds = new ArrayList<>();
        List<String> secrets = new ArrayList<>();
        List<String> tokens = new ArrayList<>();
        List<Map.Entry<String, String>> announcements = new ArrayList<>();
        for (int i = 0; i < botCount; i++) {
            String botId = UUID.randomUUID().toString();
            botIds.add(botId);
            tokens.add(telegram.addBot(8_000_000_000L + i, "bench_" + i + "_bot"));
            announcements.add(Map.entry(botId, "{\"type\":\"BotUpserted\",\"eventId\":\"" + UUID.randomUUID()
                    + "\",\"botId\":\"" + botId + "\",\"ownerId\":\"" + ownerId + "\",\"bot\":{\"welcomeMessage\":"
                    + "\"Salom\",\"status\":\"ACTIVE\"},\"occurredAt\":\"" + Instant.now() + "\"}"));
        }
        TestKafkaClient.sendAll(kafka, "bot.events", announcements);
        for (int i = 0; i < botCount; i++) {
            String botToken = tokens.get(i);
            connect(channelApi, auth, botIds.get(i), botToken);
            String body = telegram.calls("setWebhook", c -> c.token().equals(botToken)).stream()
                    .reduce((first, last) -> last).orElseThrow().body();
            Matcher m = SECRET.matcher(body);
            if (!m.find()) {
                throw new IllegalStateException("setWebhook without secret_token");
            }
            secrets.add(m.group(1));
        }
        System.out.printf("connected %d bots%n", botCount);

        AtomicLong updateIds = new AtomicLong(System.currentTimeMillis());
        channelApi.run("warm-up", concurrency, Duration.ofSeconds(5), 200, n -> webhook(botIds, secrets, n,
                updateIds.incrementAndGet()));
        LoadDriver.Result ingest = channelApi.run("POST /telegram/webhook", concurrency, Duration.ofSeconds(seconds),
                200, n -> webhook(botIds, secrets, n, updateIds.incrementAndGet()));
        LoadDriver.Result hello = channelApi.run("GET /q/health/live", concurrency, Duration.ofSeconds(seconds), 200,
                n -> new LoadDriver.Call("GET", "/q/health/live", null, Map.of()));
        ingest.print();
        hello.print();

        int chatsPerBot = 30;
        int total = botCount * chatsPerBot;
        List<Map.Entry<String, String>> replies = new ArrayList<>();
        for (int i = 0; i < total; i++) {
            String botId = botIds.get(i % botCount);
            String chat = Integer.toString(100_000 + i / botCount);
            replies.add(Map.entry(botId + ":" + chat, "{\"messageId\":\"bench-out-" + UUID.randomUUID()
                    + "\",\"botId\":\"" + botId + "\",\"ownerId\":\"" + ownerId + "\",\"channel\":\"telegram\","
                    + "\"chatId\":\"" + chat + "\",\"text\":\"bench #" + i + "\",\"kind\":\"ANSWER\",\"sources\":[]}"));
        }
        int before = telegram.calls("sendMessage").size();
        long start = System.nanoTime();
        TestKafkaClient.sendAll(kafka, "chat.outbound", replies);
        Instant deadline = Instant.now().plusSeconds(300);
        while (telegram.calls("sendMessage").size() - before < total && Instant.now().isBefore(deadline)) {
            Thread.sleep(20);
        }
        double elapsed = (System.nanoTime() - start) / 1e9;
        Histogram latency = new Histogram(600_000_000L, 3);
        for (TelegramStandIn.Call call : telegram.calls("sendMessage")) {
            Matcher m = BENCH_NO.matcher(call.body());
            if (m.find()) {
                latency.recordValue(Math.max(0, (call.atNanos() - start) / 1000));
            }
        }
        int delivered = telegram.calls("sendMessage").size() - before;
        System.out.printf("outbound sendMessage       bots=%d messages=%d delivered=%d in %.2f s  rate=%.1f msg/s"
                        + "  publish->send p50=%.1f ms p99=%.1f ms%n", botCount, total, delivered, elapsed,
                delivered / elapsed, latency.getValueAtPercentile(50) / 1000.0, latency.getValueAtPercentile(99) / 1000.0);
        telegram.close();
        System.exit(0);
    }

    private static LoadDriver.Call webhook(List<String> botIds, List<String> secrets, int n, long updateId) {
        int bot = n % botIds.size();
        long chat = 500_000 + (n % 1000);
        String update = "{\"update_id\":" + updateId + ",\"message\":{\"message_id\":" + (n + 1)
                + ",\"from\":{\"id\":" + chat + ",\"is_bot\":false,\"first_name\":\"B\"},\"chat\":{\"id\":" + chat
                + ",\"type\":\"private\"},\"date\":1764583200,\"text\":\"Narxlar qancha?\"}}";
        return new LoadDriver.Call("POST", "/telegram/webhook/" + botIds.get(bot), update,
                Map.of("Content-Type", "application/json", "X-Telegram-Bot-Api-Secret-Token", secrets.get(bot)));
    }

    private static void connect(LoadDriver api, Map<String, String> auth, String botId, String token)
            throws Exception {
        Instant until = Instant.now().plusSeconds(60);
        while (Instant.now().isBefore(until)) {
            HttpResponse<String> r = api.send(new LoadDriver.Call("PUT", "/api/bots/" + botId + "/channels/telegram",
                    "{\"token\":\"" + token + "\"}", auth));
            if (r.statusCode() == 200) {
                return;
            }
            Thread.sleep(100); // the bot is not in channel-telegram's read model yet
        }
        throw new IllegalStateException("could not connect bot " + botId);
    }

    private static void awaitReady(LoadDriver api) throws Exception {
        Instant until = Instant.now().plusSeconds(600);
        while (Instant.now().isBefore(until)) {
            try {
                if (api.send(new LoadDriver.Call("GET", "/q/health/ready", null, Map.of())).statusCode() == 200) {
                    return;
                }
            } catch (Exception notYet) {
                // service still starting
            }
            Thread.sleep(500);
        }
        throw new IllegalStateException("service never became ready");
    }
}

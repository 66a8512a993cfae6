// End-to-end chat benchmark: the whole platform (gateway, five services, Kafka, Postgres) started by the
// launcher, an instant stand-in Telegram and Gemini in this JVM, N businesses set up through the public API,
// then OPEN-LOOP load (a fixed arrival rate: latency includes queueing) of real Telegram webhook updates
// across the N bots, one step per rate. For every step: offered rate, achieved sendMessage/s, webhook
// response p50/p99, webhook -> sendMessage p50/p99/max, missing and duplicate replies, the stage breakdown
// from the Kafka record timestamps of chat.inbound and chat.outbound, and CPU seconds per process.
// Stops at the first rate that saturates. Started by bench/run.sh chat (which starts the platform after
// this JVM listens, and stops it on exit).
// Usage: ChatBench <gatewayUrl> <kafka> <telegramPort> <geminiPort> <bots> <seconds> <rates> <runDir>
package app.botfactory.bench;

import app.botfactory.testsupport.GeminiStandIn;
import app.botfactory.testsupport.TelegramStandIn;
import org.HdrHistogram.Histogram;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.locks.LockSupport;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

public final class ChatBench {

    private static final Pattern TAG = Pattern.compile("#q(\\d+)");
    private static final Pattern SECRET = Pattern.compile("\"secret_token\":\"([^\"]+)\"");
    private static final Pattern INBOUND_ID = Pattern.compile("\"messageId\":\"tg:[0-9a-f-]+:(\\d+)\"");
    private static final Pattern IN_REPLY_TO = Pattern.compile("\"inReplyTo\":\"tg:[0-9a-f-]+:(\\d+)\"");
    private static final String ANSWER = "Choy 5 000 soʻm, non 4 000 soʻm, somsa 7 000 soʻm.";
    private static final int CHATS_PER_BOT = 5_000;
    private static final int MAX_IN_FLIGHT = 4_000;

    // --- per message (index = seq) ----------------------------------------------------------------------
    private final int capacity;
    private final AtomicLongArray scheduledNanos;
    private final AtomicLongArray webhookNanos;
    private final AtomicIntegerArray webhookStatus;
    private final AtomicLongArray inboundMillis;
    private final AtomicLongArray outboundMillis;
    private final AtomicLongArray replyNanos;
    private final AtomicIntegerArray replies;
    private final AtomicLong seqs = new AtomicLong();
    private final AtomicLong untaggedReplies = new AtomicLong();
    private final AtomicLong sendMessages = new AtomicLong();
    private final AtomicLong lastReplyNanos = new AtomicLong();
    private final AtomicLong outboundSeen = new AtomicLong();
    private final Map<String, AtomicLong> outboundKinds = new ConcurrentHashMap<>();
    private final long updateBase = System.currentTimeMillis() * 1000;

    // nanoTime -> epoch milliseconds (Kafka record timestamps are wall clock)
    private final long nanoAtStart = System.nanoTime();
    private final long epochMicrosAtStart = System.currentTimeMillis() * 1000;

    private final String gateway;
    private final int botCount;
    private final HttpClient setupHttp = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5))
            .version(HttpClient.Version.HTTP_1_1).build();
    private final HttpClient loadHttp = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5))
            .executor(Executors.newFixedThreadPool(4, daemon("webhook-client")))
            .version(HttpClient.Version.HTTP_1_1).build();
    private final Map<String, String> secretsByToken = new ConcurrentHashMap<>();
    private final List<Bot> bots = new ArrayList<>();
    private final Path runDir;
    private volatile long watchdogDeadline = Long.MAX_VALUE;
    private volatile String watchdogPhase = "start";

    private record Bot(int index, String botId, String token, String secret) { }

    private ChatBench(String gateway, int botCount, int capacity, Path runDir) {
        this.gateway = gateway;
        this.botCount = botCount;
        this.capacity = capacity;
        this.runDir = runDir;
        scheduledNanos = new AtomicLongArray(capacity);
        webhookNanos = new AtomicLongArray(capacity);
        webhookStatus = new AtomicIntegerArray(capacity);
        inboundMillis = new AtomicLongArray(capacity);
        outboundMillis = new AtomicLongArray(capacity);
        replyNanos = new AtomicLongArray(capacity);
        replies = new AtomicIntegerArray(capacity);
    }

    public static void main(String[] args) throws Exception {
        String gateway = args[0];
        String kafka = args[1];
        int telegramPort = Integer.parseInt(args[2]);
        int geminiPort = Integer.parseInt(args[3]);
        int botCount = Integer.parseInt(args[4]);
        int seconds = Integer.parseInt(args[5]);
        int[] rates = Arrays.stream(args[6].split(",")).map(String::strip).filter(s -> !s.isEmpty())
                .mapToInt(Integer::parseInt).toArray();
        Path runDir = Path.of(args[7]);
        // Warm-up steps "RATExSECONDS,...": JIT compilation needs a few thousand messages through every path
        // before the numbers mean anything; a cold platform is several times slower (see README).
        int[][] warmUp = Arrays.stream((args.length > 8 ? args[8] : "50x10,100x30,150x30").split(","))
                .map(String::strip).filter(w -> !w.isEmpty())
                .map(w -> new int[] {Integer.parseInt(w.split("x")[0]), Integer.parseInt(w.split("x")[1])})
                .toArray(int[][]::new);
        long planned = 20L * botCount;
        for (int[] w : warmUp) {
            planned += (long) w[0] * w[1];
        }
        for (int r : rates) {
            planned += (long) r * seconds;
        }
        ChatBench bench = new ChatBench(gateway, botCount, (int) Math.min(Integer.MAX_VALUE - 8, planned + 1000),
                runDir);
        int code;
        try {
            code = bench.run(kafka, telegramPort, geminiPort, seconds, rates, warmUp);
        } catch (Exception e) {
            System.out.println("BENCH FAILED in phase '" + bench.watchdogPhase + "': " + e);
            code = 1;
        }
        System.out.flush();
        Runtime.getRuntime().halt(code);
    }

    private int run(String kafka, int telegramPort, int geminiPort, int seconds, int[] rates, int[][] warmUp)
            throws Exception {
        startWatchdog();
        TelegramStandIn telegram = TelegramStandIn.start(telegramPort);
        telegram.keepAtMost(1_000);
        telegram.onCall(this::onTelegramCall);
        telegramLatency(telegram);
        GeminiStandIn gemini = GeminiStandIn.start(geminiPort);
        gemini.keepAtMost(100);
        gemini.answerWith(request -> GeminiStandIn.Reply.text(ANSWER + " " + lastTag(request.body())));
        System.out.println("stand-in Telegram on " + telegram.baseUrl() + ", instant stand-in Gemini on "
                + gemini.baseUrl() + "; waiting for the platform ...");

        phase("waiting for the platform (gateway " + gateway + ")", 900);
        awaitGateway();
        phase("setting up " + botCount + " businesses through the gateway", 900);
        long t0 = System.nanoTime();
        setUp(telegram);
        System.out.printf("    %d businesses ready (register, login, trial -> BUSINESS plan, bot, knowledge, Telegram)"
                + " in %.1f s%n", botCount, (System.nanoTime() - t0) / 1e9);

        Thread consumer = startKafkaConsumer(kafka);
        phase("first reply from every bot", 240);
        firstReplies();

        Cpu cpu = new Cpu(runDir);
        System.out.println("    CPU is sampled for: " + String.join(", ", cpu.roots.keySet())
                + " (utime+stime of each process and its children, /proc/<pid>/stat)");
        System.out.printf("%nload: open loop (fixed arrival rate; latency counts from the scheduled send time), %d bots,"
                        + " %d chats per bot in rotation, webhooks through the gateway; %d s per rate;"
                        + " %d cores shared with everything else on this machine%n", botCount, CHATS_PER_BOT, seconds,
                Runtime.getRuntime().availableProcessors());
        Map<String, Long> idle0 = cpu.sample();
        long idleStart = System.nanoTime();
        Thread.sleep(10_000);
        cpu.setIdle(idle0, cpu.sample(), (System.nanoTime() - idleStart) / 1e9);
        System.out.println("idle CPU (10 s, no load; outbox relays, dispatcher and consumers polling): " + cpu.idleLine());
        for (int[] w : warmUp) {
            System.out.println("warm-up (JIT), not in the summary: " + w[0] + " msg/s for " + w[1] + " s");
            step(w[0], w[1], cpu, true);
            settle();
        }

        List<Step> results = new ArrayList<>();
        Step saturated = null;
        for (int rate : rates) {
            Step s = step(rate, seconds, cpu, false);
            results.add(s);
            if (s.saturation != null) {
                saturated = s;
                break;
            }
            settle();
        }
        printSummary(results, saturated);
        consumer.interrupt();
        telegram.close();
        gemini.close();
        return 0;
    }

    // --- stand-in hooks ------------------------------------------------------------------------------------

    private void onTelegramCall(TelegramStandIn.Call call) {
        switch (call.method()) {
            case "sendMessage" -> {
                sendMessages.incrementAndGet();
                lastReplyNanos.set(call.atNanos());
                Matcher m = TAG.matcher(call.body());
                if (!m.find()) {
                    untaggedReplies.incrementAndGet();
                    return;
                }
                int seq = Integer.parseInt(m.group(1));
                if (seq < capacity && replies.getAndIncrement(seq) == 0) {
                    replyNanos.set(seq, call.atNanos());
                }
            }
            case "setWebhook" -> {
                Matcher m = SECRET.matcher(call.body());
                if (m.find()) {
                    secretsByToken.put(call.token(), m.group(1));
                }
            }
            default -> { }
        }
    }

    /**
     * BENCH_TELEGRAM_MS: every sendMessage is answered that many ms after it arrived (the real Bot API
     * takes ~50-300 ms); BENCH_TELEGRAM_SLOW=N:MS makes every N-th one take MS instead (Telegram's
     * occasional slow answer). Replies are timed at arrival, so this shows what a slow answer does to
     * the replies behind it, not its own latency.
     */
    private static void telegramLatency(TelegramStandIn telegram) {
        long base = Long.parseLong(System.getenv().getOrDefault("BENCH_TELEGRAM_MS", "0"));
        String[] slow = System.getenv().getOrDefault("BENCH_TELEGRAM_SLOW", "0:0").split(":");
        long every = Long.parseLong(slow[0]);
        long slowMillis = slow.length > 1 ? Long.parseLong(slow[1]) : 0;
        if (base <= 0 && every <= 0) {
            return;
        }
        AtomicLong sends = new AtomicLong();
        telegram.latency(call -> !"sendMessage".equals(call.method()) ? 0
                : every > 0 && sends.incrementAndGet() % every == 0 ? slowMillis : base);
        System.out.printf("stand-in Telegram answers sendMessage after %d ms%s%n", base,
                every > 0 ? ", every " + every + "th after " + slowMillis + " ms" : "");
    }

    /** The tag of the newest customer message in a generateContent request: it is the last turn. */
    private static String lastTag(String body) {
        Matcher m = TAG.matcher(body);
        String tag = "";
        while (m.find()) {
            tag = m.group();
        }
        return tag;
    }

    // --- setup through the public API ----------------------------------------------------------------------

    private void awaitGateway() throws InterruptedException {
        while (true) {
            try {
                HttpResponse<String> r = call("GET", "/", null, null);
                if (r.statusCode() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // the launcher is still starting things
            }
            Thread.sleep(1000);
        }
    }

    private void setUp(TelegramStandIn telegram) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(6, daemon("setup"));
        List<Future<Bot>> futures = new ArrayList<>();
        String run = UUID.randomUUID().toString().substring(0, 8);
        for (int i = 0; i < botCount; i++) {
            int index = i;
            futures.add(pool.submit(() -> business(telegram, run, index)));
        }
        for (Future<Bot> f : futures) {
            bots.add(f.get());
        }
        pool.shutdown();
    }

    private Bot business(TelegramStandIn telegram, String run, int i) throws Exception {
        String email = "chat-bench-" + run + "-" + i + "@example.com";
        String password = "bench password " + i;
        expect(call("POST", "/api/users/register", "{\"email\":\"" + email + "\",\"password\":\"" + password
                + "\",\"name\":\"Bench shop " + i + "\"}", null), 201, "register");
        String token = BotBench.extract(expect(call("POST", "/api/users/login", "{\"email\":\"" + email
                + "\",\"password\":\"" + password + "\"}", null), 200, "login").body(), "accessToken");
        expect(call("POST", "/api/subscriptions/trial", null, token), 201, "trial");
        // The trial allows 300 messages a month; the benchmark sends more per bot.
        expect(call("PUT", "/api/subscriptions/plan", "{\"plan\":\"BUSINESS\"}", token), 200, "plan BUSINESS");
        String bot = "{\"name\":\"Choyxona " + i + "\",\"language\":\"uz\",\"systemPrompt\":\"You are the tea house"
                + " assistant.\",\"welcomeMessage\":\"Xush kelibsiz!\",\"fallbackMessage\":\"Bilmayman, uzr.\"}";
        String botId = BotBench.extract(retry("create bot", 60, 201, () -> call("POST", "/api/bots", bot, token)).body(),
                "id");
        expect(call("POST", "/api/bots/" + botId + "/knowledge", "{\"title\":\"Narxlar\",\"content\":\"Narxlar: choy 5 000"
                + " soʻm, non 4 000 soʻm, somsa 7 000 soʻm. Choyxona har kuni 8:00 dan 22:00 gacha ochiq.\"}", token),
                201, "knowledge");
        for (int d = 0; d < KB_DOCUMENTS; d++) {
            expect(call("POST", "/api/bots/" + botId + "/knowledge", "{\"title\":\"Hujjat " + d + "\",\"content\":\""
                    + document(new Random(31L * i + d)) + "\"}", token), 201, "knowledge document " + d);
        }
        String telegramToken = telegram.addBot(9_000_000_000L + i, "bench_shop_" + i + "_bot");
        retry("connect Telegram", 60, 200, () -> call("PUT", "/api/bots/" + botId + "/channels/telegram",
                "{\"token\":\"" + telegramToken + "\"}", token));
        String secret = secretsByToken.get(telegramToken);
        if (secret == null) {
            throw new IllegalStateException("connect Telegram: setWebhook without secret_token for bot " + i);
        }
        return new Bot(i, botId, telegramToken, secret);
    }

    /**
     * BENCH_KB: documents of ~7,000 characters each added to every bot (0: only the one price list), so
     * retrieval works on a knowledge base of realistic size (20 documents make ~230 passages per bot).
     */
    private static final int KB_DOCUMENTS = Integer.parseInt(System.getenv().getOrDefault("BENCH_KB", "0"));

    /** What a business's documents say, in the three languages its customers write; numbers vary. */
    private static final String[] PARAGRAPHS = {
        "Yetkazib berish Toshkent bo'ylab N ming so'm, buyurtma 150 000 so'mdan oshsa bepul. Kuryer N soat ichida keladi.",
        "Biz har kuni soat N:00 dan 22:00 gacha ishlaymiz. Dam olish kunlari ham ochiqmiz, bayramlarda N:00 gacha.",
        "Manzil: Toshkent, Chilonzor tumani, Bunyodkor ko'chasi N. Mo'ljal: metro yonida, avtoturargoh bor.",
        "To'lov naqd pul, Click, Payme yoki Uzcard orqali. Muddatli to'lov N oyga, ustama yo'q.",
        "Доставка по Ташкенту стоит N 000 сум, при заказе от 200 000 сум бесплатно. Курьер звонит за N минут.",
        "Мы работаем ежедневно с N:00 до 21:00, обед с 13:00 до 14:00. Запись по телефону +998 90 N 00 00.",
        "Возврат товара в течение N дней при наличии чека. Гарантия на технику N месяцев.",
        "Delivery within the city takes N hours and costs N 000 sum; orders over 300 000 sum ship free.",
        "We accept cash, cards and bank transfer. Installments for N months are available without interest.",
        "Our menu: plov N 000 sum, lagman 30 000 sum, shashlik N 000 sum, green tea 5 000 sum per pot.",
    };

    private static String document(Random random) {
        StringBuilder doc = new StringBuilder();
        while (doc.length() < 7_000) {
            doc.append(PARAGRAPHS[random.nextInt(PARAGRAPHS.length)].replace("N",
                    String.valueOf(random.nextInt(90) + 1))).append("\\n");
        }
        return doc.toString().replace("\"", "\\\"");
    }

    private interface HttpCall {
        HttpResponse<String> send() throws Exception;
    }

    private static HttpResponse<String> retry(String what, int seconds, int status, HttpCall call) throws Exception {
        long until = System.nanoTime() + seconds * 1_000_000_000L;
        HttpResponse<String> last;
        do {
            last = call.send();
            if (last.statusCode() == status) {
                return last;
            }
            Thread.sleep(200); // an event (entitlements, bot.events) is still on its way
        } while (System.nanoTime() < until);
        throw new IllegalStateException(what + ": HTTP " + last.statusCode() + " for " + seconds + " s: " + last.body());
    }

    private static HttpResponse<String> expect(HttpResponse<String> r, int status, String what) {
        if (r.statusCode() != status) {
            throw new IllegalStateException(what + ": expected HTTP " + status + ", got " + r.statusCode() + ": "
                    + r.body());
        }
        return r;
    }

    private HttpResponse<String> call(String method, String path, String body, String token)
            throws IOException, InterruptedException {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(gateway + path)).timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/json").header("Accept", "application/json");
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        b.method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        return setupHttp.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    // --- Kafka: record timestamps of chat.inbound and chat.outbound --------------------------------------------

    private Thread startKafkaConsumer(String bootstrap) throws InterruptedException {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        p.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        p.put(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, "50");
        KafkaConsumer<String, String> consumer = new KafkaConsumer<>(p);
        List<TopicPartition> partitions = new ArrayList<>();
        for (String topic : List.of("chat.inbound", "chat.outbound")) {
            for (PartitionInfo info : consumer.partitionsFor(topic, Duration.ofSeconds(30))) {
                partitions.add(new TopicPartition(topic, info.partition()));
            }
        }
        consumer.assign(partitions);
        consumer.seekToEnd(partitions);
        partitions.forEach(consumer::position); // resolve now: only records from here on
        AtomicInteger ready = new AtomicInteger();
        Thread t = new Thread(() -> {
            ready.set(1);
            try (consumer) {
                while (!Thread.currentThread().isInterrupted()) {
                    for (ConsumerRecord<String, String> r : consumer.poll(Duration.ofMillis(100))) {
                        onRecord(r);
                    }
                }
            } catch (org.apache.kafka.common.errors.InterruptException stopped) {
                // end of the run
            }
        }, "kafka-timestamps");
        t.setDaemon(true);
        t.start();
        while (ready.get() == 0) {
            Thread.sleep(10);
        }
        return t;
    }

    private void onRecord(ConsumerRecord<String, String> r) {
        String value = r.value() == null ? "" : r.value();
        boolean inbound = r.topic().equals("chat.inbound");
        Matcher m = (inbound ? INBOUND_ID : IN_REPLY_TO).matcher(value);
        if (!inbound) {
            outboundSeen.incrementAndGet();
            Matcher kind = Pattern.compile("\"kind\":\"([A-Z]+)\"").matcher(value);
            outboundKinds.computeIfAbsent(kind.find() ? kind.group(1) : "?", k -> new AtomicLong()).incrementAndGet();
        }
        if (!m.find()) {
            return;
        }
        long seq = Long.parseLong(m.group(1)) - updateBase;
        if (seq >= 0 && seq < capacity) {
            (inbound ? inboundMillis : outboundMillis).compareAndSet((int) seq, 0, r.timestamp());
        }
    }

    // --- load -----------------------------------------------------------------------------------------------

    private int nextSeq() {
        long seq = seqs.getAndIncrement();
        if (seq >= capacity) {
            throw new IllegalStateException("more messages than planned");
        }
        return (int) seq;
    }

    /** Sends one update for `bot` in `chat` at `scheduled` (nanoTime); the response is recorded asynchronously. */
    private void send(int seq, Bot bot, long chat, long scheduled, AtomicInteger inFlight) {
        scheduledNanos.set(seq, scheduled);
        long updateId = updateBase + seq;
        String update = "{\"update_id\":" + updateId + ",\"message\":{\"message_id\":" + (seq + 1)
                + ",\"from\":{\"id\":" + chat + ",\"is_bot\":false,\"first_name\":\"Mijoz\",\"language_code\":\"uz\"},"
                + "\"chat\":{\"id\":" + chat + ",\"first_name\":\"Mijoz\",\"type\":\"private\"},\"date\":"
                + (System.currentTimeMillis() / 1000) + ",\"text\":\"Choy necha pul? #q" + seq + "\"}}";
        HttpRequest request = HttpRequest.newBuilder(URI.create(gateway + "/telegram/webhook/" + bot.botId()))
                .timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/json")
                .header("X-Telegram-Bot-Api-Secret-Token", bot.secret())
                .POST(HttpRequest.BodyPublishers.ofString(update)).build();
        inFlight.incrementAndGet();
        loadHttp.sendAsync(request, HttpResponse.BodyHandlers.discarding()).whenComplete((response, failure) -> {
            webhookNanos.set(seq, System.nanoTime());
            webhookStatus.set(seq, failure != null ? -1 : response.statusCode());
            inFlight.decrementAndGet();
        });
    }

    /** One message per bot until every bot has answered once (entitlements and knowledge have arrived). */
    private void firstReplies() throws InterruptedException {
        long started = System.nanoTime();
        Map<Bot, List<Integer>> pending = new LinkedHashMap<>();
        bots.forEach(bot -> pending.put(bot, new ArrayList<>()));
        AtomicInteger inFlight = new AtomicInteger();
        long lastRound = 0;
        while (true) {
            pending.entrySet().removeIf(e -> e.getValue().stream().anyMatch(seq -> replies.get(seq) > 0));
            if (pending.isEmpty()) {
                break;
            }
            if (lastRound == 0 || System.nanoTime() - lastRound > 30_000_000_000L) {
                // again for the bots still silent (e.g. LIMIT replies before the plan change arrived)
                int chat = 2;
                for (Map.Entry<Bot, List<Integer>> e : pending.entrySet()) {
                    int seq = nextSeq();
                    send(seq, e.getKey(), chat++, System.nanoTime(), inFlight);
                    e.getValue().add(seq);
                }
                lastRound = System.nanoTime();
            }
            Thread.sleep(50);
        }
        System.out.printf("    every bot answered through Telegram (stand-in) after %.1f s%n",
                (System.nanoTime() - started) / 1e9);
    }

    private void settle() throws InterruptedException {
        Thread.sleep(3000);
    }

    private record Step(int rate, int seconds, long sent, double achieved, double webhookP50, double webhookP99,
                        long webhookErrors, double e2eP50, double e2eP99, double e2eMax, long missing,
                        long duplicates, long backlogAtEnd, double drainSeconds, long driverDropped,
                        String stages, String cpu, String saturation) { }

    private Step step(int rate, int seconds, Cpu cpu, boolean warmUp) throws InterruptedException {
        phase((warmUp ? "warm-up " : "load ") + rate + " msg/s", seconds + 240);
        Map<String, Long> cpu0 = cpu.sample();
        long stepStart = System.nanoTime();
        long total = (long) rate * seconds;
        int first = (int) seqs.get();
        long replies0 = sendMessages.get();
        AtomicInteger inFlight = new AtomicInteger();
        long dropped = 0;
        long intervalNanos = 1_000_000_000L / rate;
        long t0 = System.nanoTime() + 20_000_000L;
        for (long i = 0; i < total; i++) {
            long scheduled = t0 + i * intervalNanos;
            long wait = scheduled - System.nanoTime();
            if (wait > 50_000) {
                LockSupport.parkNanos(wait);
            }
            int seq = nextSeq();
            if (inFlight.get() >= MAX_IN_FLIGHT) {
                dropped++; // the platform no longer takes webhooks in as fast as they come
                scheduledNanos.set(seq, scheduled);
                webhookStatus.set(seq, -2);
                continue;
            }
            Bot bot = bots.get((int) (seq % botCount));
            long chat = 1_000_000L + (long) bot.index() * CHATS_PER_BOT + (seq / botCount) % CHATS_PER_BOT;
            send(seq, bot, chat, scheduled, inFlight);
        }
        int last = (int) seqs.get(); // exclusive
        long windowEnd = t0 + total * intervalNanos;
        long windowNow = System.nanoTime();
        if (windowNow < windowEnd) {
            LockSupport.parkNanos(windowEnd - windowNow);
        }
        long repliedInWindow = sendMessages.get() - replies0;
        long answeredAtEnd = answered(first, last);
        long backlog = (last - first) - dropped - answeredAtEnd;
        double achieved = repliedInWindow / (double) seconds;

        // drain: every reply of this step, or give up when nothing arrives for 20 s
        long drainStart = System.nanoTime();
        long expected = (last - first) - dropped;
        long lastProgress = System.nanoTime();
        long seen = answeredAtEnd;
        String stuck = null;
        while (true) {
            long now = answered(first, last);
            if (now >= expected && inFlight.get() == 0) {
                break;
            }
            if (now != seen) {
                seen = now;
                lastProgress = System.nanoTime();
            }
            if (System.nanoTime() - lastProgress > 20_000_000_000L) {
                stuck = "no new reply for 20 s with " + (expected - now) + " of " + expected + " still unanswered";
                break;
            }
            if (System.nanoTime() - drainStart > 180_000_000_000L) {
                stuck = "backlog not drained within 180 s (" + (expected - now) + " unanswered)";
                break;
            }
            Thread.sleep(50);
        }
        double drainSeconds = (System.nanoTime() - drainStart) / 1e9;
        // the timestamp consumer may trail a little
        long until = System.nanoTime() + 5_000_000_000L;
        while (System.nanoTime() < until && !stagesComplete(first, last)) {
            Thread.sleep(100);
        }
        Map<String, Long> cpu1 = cpu.sample();
        double stepSeconds = (System.nanoTime() - stepStart) / 1e9;

        Histogram webhook = new Histogram(3_600_000_000L, 3);
        Histogram e2e = new Histogram(3_600_000_000L, 3);
        Histogram toInbound = new Histogram(3_600_000L, 3);
        Histogram inToOut = new Histogram(3_600_000L, 3);
        Histogram outToSend = new Histogram(3_600_000L, 3);
        long missing = 0;
        long duplicates = 0;
        long webhookErrors = 0;
        for (int seq = first; seq < last; seq++) {
            long scheduled = scheduledNanos.get(seq);
            int status = webhookStatus.get(seq);
            if (status == -2) {
                continue;
            }
            if (status != 200) {
                webhookErrors++;
            } else {
                webhook.recordValue(Math.max(0, (webhookNanos.get(seq) - scheduled) / 1000));
            }
            int n = replies.get(seq);
            if (n == 0) {
                missing++;
                continue;
            }
            if (n > 1) {
                duplicates += n - 1;
            }
            long reply = replyNanos.get(seq);
            e2e.recordValue(Math.max(0, (reply - scheduled) / 1000));
            long in = inboundMillis.get(seq);
            long out = outboundMillis.get(seq);
            if (in > 0 && out > 0) {
                toInbound.recordValue(Math.max(0, in - epochMillis(scheduled)));
                inToOut.recordValue(Math.max(0, out - in));
                outToSend.recordValue(Math.max(0, epochMillis(reply) - out));
            }
        }
        String stages = String.format("webhook->chat.inbound p50 %d p99 %d | chat.inbound->chat.outbound p50 %d p99 %d |"
                        + " chat.outbound->sendMessage p50 %d p99 %d ms (n=%d)",
                toInbound.getValueAtPercentile(50), toInbound.getValueAtPercentile(99),
                inToOut.getValueAtPercentile(50), inToOut.getValueAtPercentile(99),
                outToSend.getValueAtPercentile(50), outToSend.getValueAtPercentile(99), toInbound.getTotalCount());
        String cpuLine = cpu.describe(cpu0, cpu1, stepSeconds, e2e.getTotalCount());

        String saturation = null;
        if (!warmUp) {
            List<String> why = new ArrayList<>();
            if (dropped > 0) {
                why.add(dropped + " webhooks not sent: " + MAX_IN_FLIGHT + " already waiting for an answer");
            }
            if (stuck != null) {
                why.add(stuck);
            }
            if (achieved < 0.9 * rate) {
                why.add(String.format("achieved %.0f/s < 90%% of offered", achieved));
            }
            if (backlog > Math.max(100, rate)) {
                why.add(backlog + " replies outstanding at the end of the window (> 1 s of load): backlog grows");
            }
            if (e2e.getTotalCount() > 0 && e2e.getValueAtPercentile(50) > 2_000_000) {
                why.add("median webhook->sendMessage above 2 s");
            }
            saturation = why.isEmpty() ? null : String.join("; ", why);
        }
        Step s = new Step(rate, seconds, (last - first) - dropped, achieved, ms(webhook, 50), ms(webhook, 99),
                webhookErrors, ms(e2e, 50), ms(e2e, 99), e2e.getMaxValue() / 1000.0, missing, duplicates, backlog,
                drainSeconds, dropped, stages, cpuLine, saturation);
        printStep(s, warmUp);
        return s;
    }

    private long answered(int first, int last) {
        long n = 0;
        for (int seq = first; seq < last; seq++) {
            if (replies.get(seq) > 0) {
                n++;
            }
        }
        return n;
    }

    private boolean stagesComplete(int first, int last) {
        for (int seq = first; seq < last; seq++) {
            if (replies.get(seq) > 0 && (inboundMillis.get(seq) == 0 || outboundMillis.get(seq) == 0)) {
                return false;
            }
        }
        return true;
    }

    private long epochMillis(long nanos) {
        return (epochMicrosAtStart + (nanos - nanoAtStart) / 1000) / 1000;
    }

    private static double ms(Histogram h, double percentile) {
        return h.getTotalCount() == 0 ? Double.NaN : h.getValueAtPercentile(percentile) / 1000.0;
    }

    private static final String HEADER = String.format("%-8s %-7s %-10s %-19s %-28s %-8s %-6s %-8s %-9s %-7s",
            "offered", "sent", "achieved", "webhook p50/p99", "webhook->sendMessage", "missing", "dups", "non-200",
            "backlog", "drain");
    private static final String HEADER2 = String.format("%-8s %-7s %-10s %-19s %-28s %-8s %-6s %-8s %-9s %-7s",
            "msg/s", "", "msg/s", "ms", "p50/p99/max ms", "", "", "", "at end", "s");

    private void printStep(Step s, boolean warmUp) {
        System.out.println();
        System.out.println((warmUp ? "warm-up " : "step ") + s.rate + " msg/s for " + s.seconds + " s:");
        System.out.println("  " + HEADER);
        System.out.println("  " + HEADER2);
        System.out.println("  " + row(s));
        System.out.println("  stages: " + s.stages);
        System.out.println("  cpu:    " + s.cpu);
        if (untaggedReplies.get() > 0 || outboundKinds.keySet().stream().anyMatch(k -> !k.equals("ANSWER"))) {
            System.out.println("  note:   chat.outbound kinds so far " + outboundKinds + "; sendMessage without a"
                    + " benchmark tag so far: " + untaggedReplies.get());
        }
        if (s.saturation != null) {
            System.out.println("  SATURATED: " + s.saturation);
        }
        System.out.flush();
    }

    private static String row(Step s) {
        return String.format("%-8d %-7d %-10.1f %-19s %-28s %-8d %-6d %-8d %-9d %-7.1f", s.rate, s.sent, s.achieved,
                String.format("%.1f/%.1f", s.webhookP50, s.webhookP99),
                String.format("%.0f/%.0f/%.0f", s.e2eP50, s.e2eP99, s.e2eMax), s.missing, s.duplicates,
                s.webhookErrors + s.driverDropped, s.backlogAtEnd, s.drainSeconds);
    }

    private void printSummary(List<Step> results, Step saturated) {
        System.out.println();
        System.out.println("summary (" + botCount + " bots; open loop; instant stand-in Telegram and Gemini):");
        System.out.println("  " + HEADER);
        System.out.println("  " + HEADER2);
        results.forEach(s -> System.out.println("  " + row(s) + (s.saturation != null ? "  SATURATED" : "")));
        if (saturated != null) {
            Step before = results.size() > 1 ? results.get(results.size() - 2) : null;
            System.out.println("saturation: at " + saturated.rate + " msg/s (" + saturated.saturation + ")"
                    + (before != null ? "; the last rate sustained was " + before.rate + " msg/s" : ""));
        } else {
            System.out.println("saturation: not reached at the rates tried");
        }
        System.out.flush();
    }

    // --- watchdog: a wedged run ends with a clear message -----------------------------------------------------

    private void phase(String name, int seconds) {
        System.out.println("==> " + name);
        watchdogPhase = name;
        watchdogDeadline = System.nanoTime() + seconds * 1_000_000_000L;
    }

    private void startWatchdog() {
        Thread t = new Thread(() -> {
            while (true) {
                try {
                    Thread.sleep(1000);
                } catch (InterruptedException e) {
                    return;
                }
                if (System.nanoTime() > watchdogDeadline) {
                    System.out.println("BENCH WEDGED: phase '" + watchdogPhase + "' did not finish in time; the"
                            + " platform's logs are in " + runDir.resolve("logs"));
                    System.out.flush();
                    Runtime.getRuntime().halt(3);
                }
            }
        }, "watchdog");
        t.setDaemon(true);
        t.start();
    }

    private static java.util.concurrent.ThreadFactory daemon(String name) {
        AtomicInteger n = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, name + "-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }

    // --- CPU seconds per process (and its children) from /proc ----------------------------------------------------

    static final class Cpu {
        private static final double TICKS = 100.0; // USER_HZ on Linux
        final Map<String, Long> roots = new LinkedHashMap<>();

        Cpu(Path runDir) throws IOException {
            for (String name : List.of("gateway", "account-service", "bot-service", "billing-service", "ai-gateway",
                    "channel-telegram", "kafka")) {
                Path f = runDir.resolve("pids/" + name + ".pid");
                if (Files.exists(f)) {
                    roots.put(name, Long.parseLong(Files.readString(f).strip()));
                }
            }
            Path pg = runDir.resolve("pg/data/postmaster.pid");
            if (Files.exists(pg)) {
                roots.put("postgres", Long.parseLong(Files.readAllLines(pg).get(0).strip()));
            }
            roots.put("bench (driver+stand-ins)", ProcessHandle.current().pid());
        }

        /** CPU ticks per root (itself + live descendants + reaped children), plus "machine" busy ticks. */
        Map<String, Long> sample() {
            Map<Long, long[]> stats = new ConcurrentHashMap<>(); // pid -> ppid, own, children-reaped
            try (Stream<Path> procs = Files.list(Path.of("/proc"))) {
                procs.filter(p -> p.getFileName().toString().chars().allMatch(Character::isDigit)).forEach(p -> {
                    try {
                        String s = Files.readString(p.resolve("stat"));
                        String[] f = s.substring(s.lastIndexOf(')') + 2).split(" ");
                        // f[0]=state f[1]=ppid ... f[11]=utime f[12]=stime f[13]=cutime f[14]=cstime
                        stats.put(Long.parseLong(p.getFileName().toString()), new long[] {Long.parseLong(f[1]),
                                Long.parseLong(f[11]) + Long.parseLong(f[12]),
                                Long.parseLong(f[13]) + Long.parseLong(f[14])});
                    } catch (IOException | RuntimeException gone) {
                        // the process ended meanwhile
                    }
                });
            } catch (IOException e) {
                return Map.of();
            }
            Map<String, Long> out = new LinkedHashMap<>();
            roots.forEach((name, root) -> {
                long ticks = 0;
                for (Map.Entry<Long, long[]> e : stats.entrySet()) {
                    if (isUnder(e.getKey(), root, stats)) {
                        ticks += e.getValue()[1];
                    }
                }
                long[] r = stats.get(root);
                out.put(name, ticks + (r == null ? 0 : r[2]));
            });
            try {
                String[] cpu = Files.readAllLines(Path.of("/proc/stat")).get(0).trim().split("\\s+");
                long busy = 0;
                for (int i = 1; i < cpu.length; i++) {
                    if (i != 4 && i != 5) { // idle, iowait
                        busy += Long.parseLong(cpu[i]);
                    }
                }
                out.put("machine", busy);
            } catch (IOException | RuntimeException e) {
                out.put("machine", 0L);
            }
            return out;
        }

        private static boolean isUnder(long pid, long root, Map<Long, long[]> stats) {
            for (int depth = 0; depth < 16 && pid > 1; depth++) {
                if (pid == root) {
                    return true;
                }
                long[] s = stats.get(pid);
                if (s == null) {
                    return false;
                }
                pid = s[0];
            }
            return false;
        }

        private final Map<String, Double> idlePerSecond = new LinkedHashMap<>();

        void setIdle(Map<String, Long> before, Map<String, Long> after, double seconds) {
            for (String name : roots.keySet()) {
                idlePerSecond.put(name, (after.getOrDefault(name, 0L) - before.getOrDefault(name, 0L)) / TICKS / seconds);
            }
        }

        String idleLine() {
            StringBuilder b = new StringBuilder();
            idlePerSecond.forEach((name, perSecond) -> b.append(String.format("%s %.0f%%, ", name, 100 * perSecond)));
            return b.append("of one core").toString();
        }

        /** CPU seconds per process over the step (and % of one core), then CPU ms per reply above idle. */
        String describe(Map<String, Long> before, Map<String, Long> after, double seconds, long messages) {
            StringBuilder b = new StringBuilder();
            StringBuilder perMessage = new StringBuilder();
            long ours = 0;
            double netTotal = 0;
            for (String name : roots.keySet()) {
                long d = after.getOrDefault(name, 0L) - before.getOrDefault(name, 0L);
                ours += d;
                b.append(String.format("%s %.1f s (%.0f%%), ", name, d / TICKS, 100 * d / TICKS / seconds));
                double net = Math.max(0, d / TICKS - idlePerSecond.getOrDefault(name, 0.0) * seconds);
                netTotal += net;
                if (messages > 0) {
                    perMessage.append(String.format("%s %.1f, ", name, 1000 * net / messages));
                }
            }
            if (messages > 0) {
                b.append(String.format("%n          CPU ms per reply above idle: %stotal %.1f ms", perMessage,
                        1000 * netTotal / messages)).append(String.format("%n          "));
            }
            long machine = after.getOrDefault("machine", 0L) - before.getOrDefault("machine", 0L);
            b.append(String.format("whole machine %.1f s of %.1f s available (other users %.1f s) over %.1f s",
                    machine / TICKS, seconds * Runtime.getRuntime().availableProcessors(),
                    Math.max(0, machine - ours) / TICKS, seconds));
            return b.toString();
        }
    }
}

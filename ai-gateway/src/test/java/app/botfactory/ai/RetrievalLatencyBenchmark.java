// Retrieval latency benchmark (JUnit tag "benchmark", left out of the default run; bench/run.sh
// retrieval runs it): 100 bots x ~200 passages indexed through KnowledgeIndex into the real Postgres,
// then the evaluation questions asked through Retriever: each bot's first question (which loads and
// indexes its passages in memory), then by 1 and by 8 callers; prints p50/p99.
package app.botfactory.ai;

import app.botfactory.ai.eval.EvalSet;
import app.botfactory.ai.messaging.Events;
import app.botfactory.ai.service.KnowledgeIndex;
import app.botfactory.ai.service.Retriever;
import app.botfactory.testsupport.PlatformTestResource;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.vertx.VertxContextSupport;
import io.vertx.mutiny.sqlclient.Pool;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.junit.jupiter.api.Assertions.assertTrue;

@QuarkusTest
@Tag("benchmark")
@WithTestResource(PlatformTestResource.class)
class RetrievalLatencyBenchmark {

    private static final int BOTS = 100;
    private static final int DOCS_PER_BOT = 20;
    private static final int QUERIES = 1000;
    private static final Path REPORT = Path.of("target", "retrieval-latency.txt");

    private final KnowledgeIndex index;
    private final Retriever retriever;
    private final Pool pool;

    RetrievalLatencyBenchmark(KnowledgeIndex index, Retriever retriever, Pool pool) {
        this.index = index;
        this.retriever = retriever;
        this.pool = pool;
    }

    @Test
    void retrievalLatencyOver100BotsWith200PassagesEach() throws Exception {
        List<UUID> bots = indexBots();
        long passages = pool.query("SELECT count(*) FROM ai.chunks").execute()
                .map(rows -> rows.iterator().next().getLong(0)).await().atMost(Duration.ofSeconds(30));
        List<String> questions = EvalSet.load("eval/retrieval-eval.yaml").questions().stream()
                .map(EvalSet.Question::q).toList();

        StringBuilder report = new StringBuilder(String.format(
                "retrieval latency: %d bots, %d passages (%.0f per bot), %d questions per run%n",
                BOTS, passages, (double) passages / BOTS, QUERIES));
        report.append(String.format("%8s %10s %10s %10s %12s%n", "callers", "p50 ms", "p99 ms", "max ms",
                "queries/s"));
        // A bot's first question loads and indexes its passages (KnowledgeCache): timed on its own.
        long coldStart = System.nanoTime();
        List<Long> cold = new ArrayList<>();
        for (UUID bot : bots) {
            cold.addAll(run(List.of(bot), questions, 1, 1));
        }
        double coldSeconds = (System.nanoTime() - coldStart) / 1e9;
        Collections.sort(cold);
        report.append(String.format("%8s %10.1f %10.1f %10.1f %12.0f   (each bot's first question)%n", "1 cold",
                pct(cold, 50), pct(cold, 99), cold.get(cold.size() - 1) / 1e6, cold.size() / coldSeconds));
        run(bots, questions, 8, 400);   // warm-up: the JIT, not the cache (every bot is loaded already)
        for (int callers : new int[] {1, 8}) {
            long start = System.nanoTime();
            List<Long> nanos = run(bots, questions, callers, QUERIES);
            double seconds = (System.nanoTime() - start) / 1e9;
            Collections.sort(nanos);
            report.append(String.format("%8d %10.1f %10.1f %10.1f %12.0f%n", callers, pct(nanos, 50),
                    pct(nanos, 99), nanos.get(nanos.size() - 1) / 1e6, nanos.size() / seconds));
        }
        System.out.println(report);
        Files.createDirectories(REPORT.getParent());
        Files.writeString(REPORT, report.toString(), StandardCharsets.UTF_8);
        assertTrue(passages >= BOTS * 150L, "the corpus was indexed: " + passages);
    }

    /** `total` retrievals of random questions against random bots, spread over `callers` threads. */
    private List<Long> run(List<UUID> bots, List<String> questions, int callers, int total)
            throws Exception {
        ExecutorService threads = Executors.newFixedThreadPool(callers);
        try {
            List<Future<List<Long>>> parts = new ArrayList<>();
            for (int c = 0; c < callers; c++) {
                Random random = new Random(31L * c + callers);
                int share = total / callers;
                parts.add(threads.submit(() -> {
                    List<Long> nanos = new ArrayList<>();
                    for (int i = 0; i < share; i++) {
                        UUID bot = bots.get(random.nextInt(bots.size()));
                        String q = questions.get(random.nextInt(questions.size()));
                        long t0 = System.nanoTime();
                        try {
                            VertxContextSupport.subscribeAndAwait(
                                    () -> Panache.withSession(() -> retriever.retrieve(bot, q)));
                        } catch (Throwable e) {
                            throw new IllegalStateException(e);
                        }
                        nanos.add(System.nanoTime() - t0);
                    }
                    return nanos;
                }));
            }
            List<Long> all = new ArrayList<>();
            for (Future<List<Long>> part : parts) {
                all.addAll(part.get());
            }
            return all;
        } finally {
            threads.shutdownNow();
        }
    }

    /** Bots whose documents re-mix the evaluation set's (numbers varied), ~200 passages each. */
    private List<UUID> indexBots() throws Exception {
        List<EvalSet.Document> sources = EvalSet.load("eval/retrieval-eval.yaml").bots().stream()
                .flatMap(b -> b.documents().stream()).toList();
        List<UUID> bots = new ArrayList<>();
        ExecutorService threads = Executors.newFixedThreadPool(4);
        try {
            List<Future<?>> work = new ArrayList<>();
            for (int b = 0; b < BOTS; b++) {
                UUID botId = UUID.randomUUID();
                bots.add(botId);
                Random random = new Random(b);
                work.add(threads.submit(() -> {
                    for (int d = 0; d < DOCS_PER_BOT; d++) {
                        StringBuilder content = new StringBuilder();
                        while (content.length() < 7_000) {
                            EvalSet.Document s = sources.get(random.nextInt(sources.size()));
                            String number = String.valueOf(random.nextInt(90) + 1);
                            content.append(s.content().strip().replaceAll("\\d+", number)).append('\n');
                        }
                        Events.KnowledgeEvent e = new Events.KnowledgeEvent("DocumentAdded", botId,
                                UUID.randomUUID(), "Document " + d, content.toString());
                        try {
                            VertxContextSupport.subscribeAndAwait(() -> index.addDocument(e));
                        } catch (Throwable t) {
                            throw new IllegalStateException(t);
                        }
                    }
                    return null;
                }));
            }
            for (Future<?> f : work) {
                f.get();
            }
        } finally {
            threads.shutdownNow();
        }
        return bots;
    }

    private static double pct(List<Long> sorted, int p) {
        int i = (int) Math.ceil(p / 100.0 * sorted.size()) - 1;
        return sorted.get(Math.max(0, i)) / 1e6;
    }
}

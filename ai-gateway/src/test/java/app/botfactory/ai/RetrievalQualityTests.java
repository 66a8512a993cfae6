// Retrieval quality on the evaluation set: every knowledge base is indexed through the real
// KnowledgeIndex into Postgres, every question goes through the real Retriever (no Gemini key, so
// no embeddings), and the hit@1/hit@3/fallback table is printed and written to
// target/retrieval-eval.txt. The tuning set must meet the targets.
package app.botfactory.ai;

import app.botfactory.ai.eval.EvalReport;
import app.botfactory.ai.eval.EvalSet;
import app.botfactory.ai.messaging.Events;
import app.botfactory.ai.retrieval.TextNormalizer;
import app.botfactory.ai.service.KnowledgeIndex;
import app.botfactory.ai.service.Retriever;
import app.botfactory.testsupport.PlatformTestResource;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.vertx.VertxContextSupport;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import static org.junit.jupiter.api.Assertions.assertTrue;

@QuarkusTest
@WithTestResource(PlatformTestResource.class)
class RetrievalQualityTests {

    static final Path REPORT = Path.of("target", "retrieval-eval.txt");

    private static final EvalSet TUNING = EvalSet.load("eval/retrieval-eval.yaml");
    private static final Map<UUID, String> DOC_NAMES = new ConcurrentHashMap<>();
    /** The tuning set's bots, indexed once for every test of the class. */
    private static Map<String, UUID> bots;

    private final KnowledgeIndex index;
    private final Retriever retriever;

    RetrievalQualityTests(KnowledgeIndex index, Retriever retriever) {
        this.index = index;
        this.retriever = retriever;
    }

    @Test
    void tuningSetMeetsTheTargets() throws Throwable {
        EvalSet set = TUNING;
        Map<String, UUID> ids = indexed();
        EvalReport report = evaluate(set, set, ids, null);
        publish(report, "retrieval quality, tuning set (" + set.questions().size() + " questions)");
        sweepFloors(set, ids);
        borderline(set, ids);

        assertTrue(report.inScope().n() >= 150, "at least 150 in scope");
        assertTrue(report.outOfScope().n() >= 25, "at least 25 out of scope");
        assertTrue(report.sameLanguage().hit3() >= 90.0, "same-language hit@3 >= 90%");
        assertTrue(report.crossLanguage().hit3() >= 60.0, "cross-language hit@3 >= 60%");
        assertTrue(report.outOfScope().fallback() >= 90.0, "out-of-scope -> fallback >= 90%");
    }

    /**
     * The held-out questions were written after tuning and never tuned on; they are reported on their
     * own. The bounds below are regression guards set under the first measurement, not targets.
     */
    @Test
    void heldOutSetIsReportedSeparately() throws Throwable {
        EvalSet holdout = EvalSet.load("eval/retrieval-holdout.yaml");
        EvalReport report = evaluate(TUNING, holdout, indexed(), null);
        publish(report, "retrieval quality, HELD-OUT set (" + holdout.questions().size() + " questions)");

        assertTrue(holdout.questions().size() >= 40, "about 40 held-out questions");
        assertTrue(report.sameLanguage().hit3() >= 60.0, "held-out same-language hit@3 guard");
        assertTrue(report.crossLanguage().hit3() >= 40.0, "held-out cross-language hit@3 guard");
        assertTrue(report.outOfScope().fallback() >= 60.0, "held-out out-of-scope guard");
    }

    /**
     * A second held-out set, written before the generalisation changes and never tuned on (natural
     * phrasing, synonyms, mostly cross-language); reported, with regression guards under its baseline
     * (same 71.4%, cross 74.4%, out-of-scope 100%, false fallback 24.5% before the changes).
     */
    @Test
    void secondHeldOutSetIsReportedSeparately() throws Throwable {
        EvalSet holdout = EvalSet.load("eval/retrieval-holdout2.yaml");
        EvalReport report = evaluate(TUNING, holdout, indexed(), null);
        publish(report, "retrieval quality, HELD-OUT 2 set (" + holdout.questions().size() + " questions)");

        assertTrue(holdout.questions().size() >= 50, "at least 50 second held-out questions");
        assertTrue(report.outOfScope().n() >= 10, "at least 10 second held-out out of scope");
        assertTrue(report.sameLanguage().hit3() >= 55.0, "held-out 2 same-language hit@3 guard");
        assertTrue(report.crossLanguage().hit3() >= 55.0, "held-out 2 cross-language hit@3 guard");
        assertTrue(report.outOfScope().fallback() >= 75.0, "held-out 2 out-of-scope guard");
    }

    /**
     * A third held-out set, written before the ai-quality lexicon and normalisation changes and never
     * tuned on: questions as customers type them (typos, loan words, every o' spelling, mixed script).
     * Reported, with regression guards under its first measurement (116 questions: same-language
     * hit@3 93.9% of 33, cross-language 78.1% of 64, out-of-scope 94.7% of 19, false fallback 15.5%).
     */
    @Test
    void thirdHeldOutSetIsReportedSeparately() throws Throwable {
        EvalSet holdout = EvalSet.load("eval/retrieval-holdout3.yaml");
        EvalReport report = evaluate(TUNING, holdout, indexed(), null);
        publish(report, "retrieval quality, HELD-OUT 3 set (" + holdout.questions().size() + " questions)");

        assertTrue(holdout.questions().size() >= 80, "at least 80 third held-out questions");
        assertTrue(report.outOfScope().n() >= 15, "at least 15 third held-out out of scope");
        assertTrue(report.sameLanguage().hit3() >= 85.0, "held-out 3 same-language hit@3 guard");
        assertTrue(report.crossLanguage().hit3() >= 70.0, "held-out 3 cross-language hit@3 guard");
        assertTrue(report.outOfScope().fallback() >= 85.0, "held-out 3 out-of-scope guard");
    }

    private synchronized Map<String, UUID> indexed() throws Throwable {
        if (bots == null) {
            bots = index(TUNING);
        }
        return bots;
    }

    /** How the relevance floor trades answered questions against fallbacks (how the default was chosen). */
    private void sweepFloors(EvalSet set, Map<String, UUID> bots) throws Throwable {
        StringBuilder s = new StringBuilder("relevance floor sweep (tuning set)\n");
        s.append(String.format("%6s %14s %15s %15s %14s%n", "floor", "same hit@3", "cross hit@3",
                "oos fallback", "false-fallback"));
        for (double floor : new double[] {0.3, 0.4, 0.5, 0.55, 0.6, 0.67, 0.75}) {
            EvalReport r = evaluate(set, set, bots, floor);
            s.append(String.format("%6.2f %13.1f%% %14.1f%% %14.1f%% %13.1f%%%n", floor,
                    r.sameLanguage().hit3(), r.crossLanguage().hit3(), r.outOfScope().fallback(),
                    r.inScope().fallback()));
        }
        System.out.println(s);
        Files.writeString(REPORT, s + "\n", StandardCharsets.UTF_8, StandardOpenOption.CREATE,
                StandardOpenOption.APPEND);
    }

    /** In-scope questions answered only at half coverage: what a stricter floor would cost. */
    private void borderline(EvalSet set, Map<String, UUID> bots) throws Throwable {
        StringBuilder s = new StringBuilder("questions at most half covered (topic +/- in best passage)\n");
        for (EvalSet.Question q : set.questions()) {
            UUID botId = bots.get(q.bot());
            List<Retriever.Passage> passages = VertxContextSupport.subscribeAndAwait(
                    () -> Panache.withSession(() -> retriever.retrieve(botId, q.q(), 0.0)));
            if (passages.isEmpty() || passages.get(0).coverage() >= 0.55) {
                continue;
            }
            Retriever.Passage best = passages.get(0);
            List<String> tokens = TextNormalizer.tokens(best.title() + " " + best.content());
            StringBuilder topics = new StringBuilder();
            best.concepts().forEach(c -> topics.append(c.name()).append(c.coveredBy(tokens) ? "+ " : "- "));
            s.append(String.format("  %s [%s %s] %s -> %s: %s%n", q.outOfScope() ? "OOS" : "IN ", q.bot(),
                    q.lang(), q.q(), DOC_NAMES.get(best.docId()), topics));
        }
        System.out.println(s);
        Files.writeString(REPORT, s + "\n", StandardCharsets.UTF_8, StandardOpenOption.CREATE,
                StandardOpenOption.APPEND);
    }

    /** Indexes every bot's documents under fresh ids; returns bot name -> id (docs named in DOC_NAMES). */
    private Map<String, UUID> index(EvalSet documents) throws Throwable {
        Map<String, UUID> botIds = new HashMap<>();
        for (EvalSet.Bot bot : documents.bots()) {
            UUID botId = UUID.randomUUID();
            botIds.put(bot.id(), botId);
            for (EvalSet.Document doc : bot.documents()) {
                UUID docId = UUID.randomUUID();
                DOC_NAMES.put(docId, doc.id());
                Events.KnowledgeEvent added = new Events.KnowledgeEvent("DocumentAdded", botId, docId,
                        doc.title(), doc.content());
                VertxContextSupport.subscribeAndAwait(() -> index.addDocument(added));
            }
        }
        return botIds;
    }

    /** Asks every question (at the configured floor when floor is null) and scores the answers. */
    private EvalReport evaluate(EvalSet documents, EvalSet questions, Map<String, UUID> botIds, Double floor)
            throws Throwable {
        EvalReport report = new EvalReport();
        for (EvalSet.Question q : questions.questions()) {
            UUID botId = botIds.get(q.bot());
            List<Retriever.Passage> passages = VertxContextSupport.subscribeAndAwait(
                    () -> Panache.withSession(() -> floor == null ? retriever.retrieve(botId, q.q())
                            : retriever.retrieve(botId, q.q(), floor)));
            LinkedHashSet<String> docs = new LinkedHashSet<>();
            passages.forEach(p -> docs.add(DOC_NAMES.get(p.docId())));
            boolean same = !q.outOfScope() && documents.sameLanguage(q);
            report.add(new EvalReport.Outcome(q, same, List.copyOf(docs)));
        }
        return report;
    }

    private static void publish(EvalReport report, String title) throws Exception {
        String table = report.table(title);
        System.out.println(table);
        System.out.println(report.misses());
        Files.createDirectories(REPORT.getParent());
        Files.writeString(REPORT, table + "\n" + report.misses() + "\n", StandardCharsets.UTF_8,
                StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    }
}

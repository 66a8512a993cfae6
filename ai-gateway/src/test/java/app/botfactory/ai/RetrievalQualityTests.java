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
     * The held-out questions were written after tuning and never tuned on until the ai-quality branch
     * fixed the general causes of their misses; since then they are regression sets like the tuning
     * set. The bounds below are regression guards set under the first measurement, not targets.
     */
    @Test
    void heldOutSetIsReportedSeparately() throws Throwable {
        EvalReport report = heldOut("eval/retrieval-holdout.yaml", "HELD-OUT");
        guards(report, "held-out", 40, 0, 60.0, 40.0, 60.0);
    }

    /**
     * A second held-out set, written before the generalisation changes (natural phrasing, synonyms,
     * mostly cross-language); its misses were looked at on the ai-quality branch. Reported, with
     * regression guards under its baseline (same 71.4%, cross 74.4%, out-of-scope 100%, false fallback
     * 24.5% before the first changes).
     */
    @Test
    void secondHeldOutSetIsReportedSeparately() throws Throwable {
        EvalReport report = heldOut("eval/retrieval-holdout2.yaml", "HELD-OUT 2");
        guards(report, "held-out 2", 50, 10, 55.0, 55.0, 75.0);
    }

    /**
     * A third held-out set, written before the ai-quality lexicon and normalisation changes and never
     * tuned on: questions as customers type them (typos, loan words, every o' spelling, mixed script).
     * Reported, with regression guards under its first measurement (116 questions: same-language
     * hit@3 93.9% of 33, cross-language 78.1% of 64, out-of-scope 94.7% of 19, false fallback 15.5%).
     */
    @Test
    void thirdHeldOutSetIsReportedSeparately() throws Throwable {
        EvalReport report = heldOut("eval/retrieval-holdout3.yaml", "HELD-OUT 3");
        guards(report, "held-out 3", 80, 15, 85.0, 70.0, 85.0);
    }

    /** Asks a held-out set's questions of the tuning set's knowledge bases and publishes the table. */
    private EvalReport heldOut(String resource, String name) throws Throwable {
        EvalSet holdout = EvalSet.load(resource);
        EvalReport report = evaluate(TUNING, holdout, indexed(), null);
        publish(report, "retrieval quality, " + name + " set (" + holdout.questions().size() + " questions)");
        return report;
    }

    /** A held-out set's size and its regression guards (hit@3 and fallback percentages). */
    private static void guards(EvalReport report, String name, int questions, int outOfScope, double same,
                               double cross, double fallback) {
        assertTrue(report.inScope().n() + report.outOfScope().n() >= questions,
                "at least " + questions + " " + name + " questions");
        assertTrue(report.outOfScope().n() >= outOfScope,
                "at least " + outOfScope + " " + name + " out of scope");
        assertTrue(report.sameLanguage().hit3() >= same, name + " same-language hit@3 guard");
        assertTrue(report.crossLanguage().hit3() >= cross, name + " cross-language hit@3 guard");
        assertTrue(report.outOfScope().fallback() >= fallback, name + " out-of-scope guard");
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

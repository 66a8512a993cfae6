// Retrieval quality on the evaluation set: every knowledge base is indexed through the real
// KnowledgeIndex into Postgres, every question goes through the real Retriever (no Gemini key, so
// no embeddings), and the hit@1/hit@3/fallback table is printed and written to
// target/retrieval-eval.txt. The tuning set must meet the targets.
package app.botfactory.ai;

import app.botfactory.ai.eval.EvalReport;
import app.botfactory.ai.eval.EvalSet;
import app.botfactory.ai.messaging.Events;
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

import static org.junit.jupiter.api.Assertions.assertTrue;

@QuarkusTest
@WithTestResource(PlatformTestResource.class)
class RetrievalQualityTests {

    static final Path REPORT = Path.of("target", "retrieval-eval.txt");

    private final KnowledgeIndex index;
    private final Retriever retriever;

    RetrievalQualityTests(KnowledgeIndex index, Retriever retriever) {
        this.index = index;
        this.retriever = retriever;
    }

    @Test
    void tuningSetMeetsTheTargets() throws Throwable {
        EvalSet set = EvalSet.load("eval/retrieval-eval.yaml");
        EvalReport report = evaluate(set, set);
        publish(report, "retrieval quality, tuning set (" + set.questions().size() + " questions)");

        assertTrue(set.questions().stream().filter(q -> !q.outOfScope()).count() >= 150, "at least 150 in scope");
        assertTrue(report.outOfScope().n() >= 25, "at least 25 out of scope");
        assertTrue(report.sameLanguage().hit3() >= 90.0, "same-language hit@3 >= 90%");
        assertTrue(report.crossLanguage().hit3() >= 60.0, "cross-language hit@3 >= 60%");
        assertTrue(report.outOfScope().fallback() >= 90.0, "out-of-scope -> fallback >= 90%");
    }

    /** Indexes every bot's documents under fresh ids, asks every question, scores the answers. */
    private EvalReport evaluate(EvalSet documents, EvalSet questions) throws Throwable {
        Map<String, UUID> botIds = new HashMap<>();
        Map<UUID, String> docNames = new HashMap<>();
        for (EvalSet.Bot bot : documents.bots()) {
            UUID botId = UUID.randomUUID();
            botIds.put(bot.id(), botId);
            for (EvalSet.Document doc : bot.documents()) {
                UUID docId = UUID.randomUUID();
                docNames.put(docId, doc.id());
                Events.KnowledgeEvent added = new Events.KnowledgeEvent("DocumentAdded", botId, docId, doc.title(),
                        doc.content());
                VertxContextSupport.subscribeAndAwait(() -> index.addDocument(added));
            }
        }
        EvalReport report = new EvalReport();
        for (EvalSet.Question q : questions.questions()) {
            UUID botId = botIds.get(q.bot());
            List<Retriever.Passage> passages = VertxContextSupport.subscribeAndAwait(
                    () -> Panache.withSession(() -> retriever.retrieve(botId, q.q())));
            LinkedHashSet<String> docs = new LinkedHashSet<>();
            passages.forEach(p -> docs.add(docNames.get(p.docId())));
            report.add(new EvalReport.Outcome(q, !q.outOfScope() && documents.sameLanguage(q), List.copyOf(docs)));
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

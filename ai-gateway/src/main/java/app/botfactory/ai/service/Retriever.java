// Finds the passages of a bot's knowledge that answer a question: Postgres proposes candidates
// (full-text prefix match over normalised text, trigram similarity), then each is scored by how
// many of the question's topics it covers (Relevance; plain words weighted by how many of the
// candidates' documents contain them). Below the relevance floor nothing is returned, so an
// out-of-scope question gets the fallback instead of an invented answer.
package app.botfactory.ai.service;

import app.botfactory.ai.config.AiConfig;
import app.botfactory.ai.repository.ChunkRepository;
import app.botfactory.ai.repository.ChunkRepository.Candidate;
import app.botfactory.ai.retrieval.Concept;
import app.botfactory.ai.retrieval.QueryTerms;
import app.botfactory.ai.retrieval.Relevance;
import app.botfactory.ai.retrieval.TextNormalizer;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

@ApplicationScoped
public class Retriever {

    /** A passage worth using, with its score (topic coverage plus a little of the database's signals). */
    public record Passage(UUID docId, String title, String content, double coverage, double score,
                          List<Concept> concepts) { }

    private final ChunkRepository chunks;
    private final AiConfig config;

    public Retriever(ChunkRepository chunks, AiConfig config) {
        this.chunks = chunks;
        this.config = config;
    }

    public Uni<List<Passage>> retrieve(UUID botId, String question) {
        return retrieve(botId, question, config.relevanceFloor());
    }

    /** As {@link #retrieve(UUID, String)} with another floor; the evaluation sweeps it. */
    public Uni<List<Passage>> retrieve(UUID botId, String question, double floor) {
        List<Concept> concepts = QueryTerms.concepts(question);
        String tsQuery = QueryTerms.tsQuery(concepts);
        if (concepts.isEmpty() || tsQuery.isEmpty()) {
            return Uni.createFrom().item(List.of());
        }
        return chunks.search(botId, tsQuery, TextNormalizer.normalize(question), 20)
                .map(candidates -> {
                    Map<Concept, Integer> docFrequency = docFrequencies(candidates, concepts);
                    return candidates.stream()
                            .map(c -> score(c, concepts, docFrequency))
                            .filter(p -> p.coverage() >= floor)
                            .sorted(Comparator.comparingDouble(Passage::score).reversed())
                            .limit(config.passages())
                            .toList();
                });
    }

    /** How many of the bot's documents (among the candidates found) contain each topic. */
    private static Map<Concept, Integer> docFrequencies(List<Candidate> candidates, List<Concept> concepts) {
        Map<Concept, Integer> out = new HashMap<>();
        for (Concept concept : concepts) {
            Set<UUID> docs = new HashSet<>();
            for (Candidate c : candidates) {
                if (!docs.contains(c.docId()) && concept.coveredBy(Arrays.asList(c.norm().split(" ")))) {
                    docs.add(c.docId());
                }
            }
            out.put(concept, docs.size());
        }
        return out;
    }

    private static Passage score(Candidate c, List<Concept> concepts, Map<Concept, Integer> docFrequency) {
        double coverage = Relevance.coverage(concepts, c.norm(), k -> docFrequency.getOrDefault(k, -1));
        double score = coverage + 0.1 * Math.min(1.0, c.similarity()) + 0.05 * Math.min(1.0, c.rank());
        return new Passage(c.docId(), c.title(), c.content(), coverage, score, concepts);
    }
}

// Finds the passages of a bot's knowledge that answer a question. Every passage of the bot (held in
// memory by KnowledgeCache, split into words once) is scored by how many of the question's topics it
// covers (Relevance; plain words weighted by how many of the bot's documents contain them), plus a
// little for the question's own words appearing as typed and for how often its topics are mentioned.
// Below the relevance floor nothing is returned, so an out-of-scope question gets the fallback
// instead of an invented answer. Only the winners' texts are read from the database.
package app.botfactory.ai.service;

import app.botfactory.ai.config.AiConfig;
import app.botfactory.ai.repository.ChunkRepository;
import app.botfactory.ai.retrieval.Concept;
import app.botfactory.ai.retrieval.PassageIndex;
import app.botfactory.ai.retrieval.QueryTerms;
import app.botfactory.ai.retrieval.Relevance;
import app.botfactory.ai.retrieval.TextNormalizer;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.Comparator;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

@ApplicationScoped
public class Retriever {

    /** A passage worth using, with its score (topic coverage plus a little for the question's words). */
    public record Passage(UUID docId, String title, String content, double coverage, double score,
                          List<Concept> concepts) { }

    private record Scored(KnowledgeCache.Source source, double coverage, double score) { }

    /** Passes over a bot's knowledge before what is left of the chosen passages is used. */
    private static final int ATTEMPTS = 3;

    private final KnowledgeCache knowledge;
    private final ChunkRepository chunks;
    private final AiConfig config;

    public Retriever(KnowledgeCache knowledge, ChunkRepository chunks, AiConfig config) {
        this.knowledge = knowledge;
        this.chunks = chunks;
        this.config = config;
    }

    public Uni<List<Passage>> retrieve(UUID botId, String question) {
        return retrieve(botId, question, config.relevanceFloor());
    }

    /** As {@link #retrieve(UUID, String)} with another floor; the evaluation sweeps it. */
    public Uni<List<Passage>> retrieve(UUID botId, String question, double floor) {
        List<Concept> concepts = QueryTerms.concepts(question);
        if (concepts.isEmpty()) {
            return Uni.createFrom().item(List.of());
        }
        List<String> words = questionWords(question);
        return retrieve(botId, concepts, words, floor, ATTEMPTS);
    }

    /**
     * One pass over the bot's knowledge as held in memory. If a chosen passage is gone by the time its
     * text is read (its document was replaced or deleted after the version was checked, e.g. a
     * knowledge.events record redelivered after a restart), the pass is repeated: the version has
     * moved on by then, so the next pass reads the new passages.
     */
    private Uni<List<Passage>> retrieve(UUID botId, List<Concept> concepts, List<String> words, double floor,
                                        int attempts) {
        return knowledge.knowledge(botId).chain(kb -> {
            List<Scored> best = best(kb, concepts, words, floor);
            List<Long> ids = best.stream().map(s -> s.source().id()).toList();
            return chunks.contents(ids).chain(texts -> {
                if (texts.size() < ids.size() && attempts > 1) {
                    return retrieve(botId, concepts, words, floor, attempts - 1);
                }
                List<Passage> out = new ArrayList<>();
                for (Scored s : best) {
                    String content = texts.get(s.source().id());
                    if (content != null) {
                        out.add(new Passage(s.source().docId(), s.source().title(), content, s.coverage(),
                                s.score(), concepts));
                    }
                }
                return Uni.createFrom().item(out);
            });
        });
    }

    /** The best-scoring passages at or above the floor, at most config.passages(). */
    private List<Scored> best(KnowledgeCache.Knowledge kb, List<Concept> concepts, List<String> words,
                              double floor) {
        PassageIndex index = kb.index();
        int n = index.size();
        BitSet[] covering = new BitSet[concepts.size()];
        BitSet candidates = new BitSet(n);
        int[] mentions = new int[n];
        // By identity: a Concept is a record over all its terms, too dear to hash for every passage.
        Map<Concept, Integer> docFrequency = new IdentityHashMap<>();
        for (int i = 0; i < covering.length; i++) {
            Concept concept = concepts.get(i);
            covering[i] = index.covering(concept);
            candidates.or(covering[i]);
            index.countMentions(concept, mentions);
            Set<UUID> docs = new HashSet<>();
            covering[i].stream().forEach(p -> docs.add(kb.sources().get(p).docId()));
            docFrequency.put(concept, docs.size());
        }
        int[] typed = new int[n];
        for (String w : words) {
            index.withPrefix(w).stream().forEach(p -> typed[p]++);
        }
        List<Scored> out = new ArrayList<>();
        boolean[] has = new boolean[concepts.size()];
        for (int p = candidates.nextSetBit(0); p >= 0; p = candidates.nextSetBit(p + 1)) {
            for (int i = 0; i < has.length; i++) {
                has[i] = covering[i].get(p);
            }
            double coverage = Relevance.coverage(concepts, has, k -> docFrequency.getOrDefault(k, -1));
            if (coverage >= floor) {
                double asTyped = words.isEmpty() ? 0 : (double) typed[p] / words.size();
                double score = coverage + 0.1 * asTyped + 0.05 * Math.min(1.0, 0.1 * mentions[p]);
                out.add(new Scored(kb.sources().get(p), coverage, score));
            }
        }
        out.sort(Comparator.comparingDouble(Scored::score).reversed());
        return out.subList(0, Math.min(out.size(), config.passages()));
    }

    /** The question's words as stems, to see which a passage has as typed (a same-language tie-breaker). */
    private static List<String> questionWords(String question) {
        List<String> out = new ArrayList<>();
        for (String token : TextNormalizer.tokens(question)) {
            String stem = QueryTerms.stem(token);
            if (stem.length() >= 3) {
                out.add(stem);
            }
        }
        return out;
    }
}

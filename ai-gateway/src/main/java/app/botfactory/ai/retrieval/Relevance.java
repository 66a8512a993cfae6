// How well a passage answers a question: the share of the question's topics (lexicon concepts or
// plain words) the passage covers. The retriever drops passages below the configured relevance
// floor, so a question about something the knowledge base does not mention gets the fallback.
package app.botfactory.ai.retrieval;

import java.util.Arrays;
import java.util.List;

public final class Relevance {

    private Relevance() { }

    /** Covered share of the topics, 0..1. */
    public static double coverage(List<Concept> concepts, String normalizedPassage) {
        if (concepts.isEmpty()) {
            return 0;
        }
        List<String> tokens = Arrays.asList(normalizedPassage.split(" "));
        return (double) covered(concepts, tokens) / concepts.size();
    }

    /** How many of the topics occur in the tokens. */
    public static int covered(List<Concept> concepts, List<String> tokens) {
        int n = 0;
        for (Concept c : concepts) {
            if (c.coveredBy(tokens)) {
                n++;
            }
        }
        return n;
    }
}

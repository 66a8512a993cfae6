// How well a passage answers a question: the share of the question's topics (lexicon concepts or
// plain words) the passage covers. The retriever drops passages below the configured relevance
// floor, so a question about something the knowledge base does not mention gets the fallback.
package app.botfactory.ai.retrieval;

import java.util.Arrays;
import java.util.List;

public final class Relevance {

    private Relevance() { }

    /** Covered share of the topics, 0..1; a weak topic counts only where the passage has it. */
    public static double coverage(List<Concept> concepts, String normalizedPassage) {
        List<String> tokens = Arrays.asList(normalizedPassage.split(" "));
        int covered = 0;
        int counted = 0;
        for (Concept c : concepts) {
            boolean has = c.coveredBy(tokens);
            covered += has ? 1 : 0;
            counted += has || !c.weak() ? 1 : 0;
        }
        return counted == 0 ? 0 : (double) covered / counted;
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

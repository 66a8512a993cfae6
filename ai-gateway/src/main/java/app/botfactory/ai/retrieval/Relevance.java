// How well a passage answers a question: the share of the question's topics (lexicon concepts or
// plain words) the passage covers, plain words weighted by how many of the bot's documents have
// them. The retriever drops passages below the configured relevance floor, so a question about
// something the knowledge base does not mention gets the fallback.
package app.botfactory.ai.retrieval;

import java.util.Arrays;
import java.util.List;
import java.util.function.ToIntFunction;

public final class Relevance {

    private Relevance() { }

    /** A plain word no passage of the bot contains counts this much among mostly covered topics. */
    public static final double UNKNOWN_WEIGHT = 0.5;
    /** A plain word (stem of at least DISTINCTIVE_LENGTH letters) found in one document only counts this much. */
    public static final double DISTINCTIVE_WEIGHT = 2.0;
    public static final int DISTINCTIVE_LENGTH = 5;

    /** Covered share of the topics, 0..1; a weak topic counts only where the passage has it. */
    public static double coverage(List<Concept> concepts, String normalizedPassage) {
        return coverage(concepts, normalizedPassage, c -> -1);
    }

    /**
     * Covered share of the topics weighted by how the bot's knowledge uses them: docFrequency gives
     * the number of the bot's documents (among the candidates) containing a topic, -1 when unknown.
     * A plain word no document contains (a word we have no synonym for, or an off-topic one) weighs
     * half, but only where the passage covers at least two topics and more than there are such
     * words, so "price of <unknown thing>" still falls back; a plain word only one document contains (a product, a name, a place) is
     * strong evidence and weighs double.
     */
    public static double coverage(List<Concept> concepts, String normalizedPassage,
                                  ToIntFunction<Concept> docFrequency) {
        List<String> tokens = Arrays.asList(normalizedPassage.split(" "));
        boolean[] has = new boolean[concepts.size()];
        for (int i = 0; i < has.length; i++) {
            has[i] = concepts.get(i).coveredBy(tokens);
        }
        return coverage(concepts, has, docFrequency);
    }

    /** As above, for a passage whose covered topics are known already (`has[i]`: concepts[i] occurs). */
    public static double coverage(List<Concept> concepts, boolean[] has, ToIntFunction<Concept> docFrequency) {
        int coveredTopics = 0;
        int unknownWords = 0;
        for (int i = 0; i < has.length; i++) {
            Concept c = concepts.get(i);
            coveredTopics += has[i] ? 1 : 0;
            unknownWords += c.plain() && docFrequency.applyAsInt(c) == 0 ? 1 : 0;
        }
        boolean fewUnknown = coveredTopics >= 2 && coveredTopics > unknownWords;
        double covered = 0;
        double counted = 0;
        for (int i = 0; i < has.length; i++) {
            Concept c = concepts.get(i);
            if (!has[i] && c.weak()) {
                continue;
            }
            double w = weight(c, docFrequency.applyAsInt(c), fewUnknown);
            covered += has[i] ? w : 0;
            counted += w;
        }
        return counted == 0 ? 0 : covered / counted;
    }

    private static double weight(Concept c, int docFrequency, boolean fewUnknown) {
        if (!c.plain() || docFrequency < 0) {
            return 1.0;
        }
        if (docFrequency == 0) {
            return fewUnknown ? UNKNOWN_WEIGHT : 1.0;
        }
        return docFrequency == 1 && c.name().length() >= DISTINCTIVE_LENGTH ? DISTINCTIVE_WEIGHT : 1.0;
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

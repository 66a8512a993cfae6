// An inverted index of one bot's passages, built in memory when its knowledge is loaded: the bot's
// vocabulary sorted, and for every word the passages that have it and how often. A question's term
// is a prefix, so the words it counts for are one binary search and a short run of the vocabulary;
// a question then costs a few lookups per term instead of a pass over every passage. Multi-word
// terms and clock times are checked word by word, only in the passages that can hold them.
// Answers are exactly those of Concept.coveredBy on each passage's words (PassageIndexTests).
package app.botfactory.ai.retrieval;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

public final class PassageIndex {

    /** Each passage's words in order (Relevance's split of its normalised text). */
    private final List<List<String>> passages;
    private final String[] vocabulary;
    /** postings[w]: passages having vocabulary[w], ascending; counts[w][k]: how often in postings[w][k]. */
    private final int[][] postings;
    private final int[][] counts;

    public PassageIndex(List<String> normalizedTexts) {
        this.passages = new ArrayList<>(normalizedTexts.size());
        TreeMap<String, TreeMap<Integer, Integer>> words = new TreeMap<>();
        Map<String, String> canonical = new HashMap<>();   // one String per distinct word, not per use
        for (int p = 0; p < normalizedTexts.size(); p++) {
            String[] tokens = normalizedTexts.get(p).split(" ");
            for (int i = 0; i < tokens.length; i++) {
                tokens[i] = canonical.computeIfAbsent(tokens[i], t -> t);
                words.computeIfAbsent(tokens[i], k -> new TreeMap<>()).merge(p, 1, Integer::sum);
            }
            passages.add(List.of(tokens));
        }
        this.vocabulary = words.keySet().toArray(String[]::new);
        this.postings = new int[vocabulary.length][];
        this.counts = new int[vocabulary.length][];
        int w = 0;
        for (TreeMap<Integer, Integer> where : words.values()) {
            postings[w] = where.keySet().stream().mapToInt(Integer::intValue).toArray();
            counts[w] = where.values().stream().mapToInt(Integer::intValue).toArray();
            w++;
        }
    }

    public int size() {
        return passages.size();
    }

    /** The passages covering the concept: the same as concept.coveredBy(words) for each of them. */
    public BitSet covering(Concept concept) {
        BitSet out = new BitSet(passages.size());
        for (List<String> term : concept.terms()) {
            String first = term.get(0);
            boolean clock = Concept.isClockMarker(first);
            if (term.size() == 1 && !clock) {
                forEachWord(first, true, (p, n) -> out.set(p));
                continue;
            }
            BitSet possible = new BitSet(passages.size());
            if (clock) {
                possible.set(0, passages.size());
            } else {
                forEachWord(first, true, (p, n) -> possible.set(p));
            }
            possible.andNot(out);
            for (int p = possible.nextSetBit(0); p >= 0; p = possible.nextSetBit(p + 1)) {
                List<String> tokens = passages.get(p);
                for (int i = 0; i < tokens.size(); i++) {
                    if (Concept.matchesAt(term, tokens, i)) {
                        out.set(p);
                        break;
                    }
                }
            }
        }
        return out;
    }

    /** Adds to mentions[p] how often passage p uses the concept's one-word terms. */
    public void countMentions(Concept concept, int[] mentions) {
        for (List<String> term : concept.terms()) {
            if (term.size() == 1 && !Concept.isClockMarker(term.get(0))) {
                forEachWord(term.get(0), true, (p, n) -> mentions[p] += n);
            }
        }
    }

    /** The passages with a word starting with `prefix`. */
    public BitSet withPrefix(String prefix) {
        BitSet out = new BitSet(passages.size());
        forEachWord(prefix, false, (p, n) -> out.set(p));
        return out;
    }

    private interface Posting {
        void accept(int passage, int count);
    }

    /** Every (passage, count) of every word starting with `prefix` (that the term counts for, if asked). */
    private void forEachWord(String prefix, boolean asTerm, Posting action) {
        int w = Arrays.binarySearch(vocabulary, prefix);
        for (w = w < 0 ? -w - 1 : w; w < vocabulary.length && vocabulary[w].startsWith(prefix); w++) {
            if (asTerm && !Concept.wordMatches(prefix, vocabulary[w])) {
                continue;
            }
            int[] where = postings[w];
            int[] n = counts[w];
            for (int k = 0; k < where.length; k++) {
                action.accept(where[k], n[k]);
            }
        }
    }
}

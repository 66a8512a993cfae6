// The curated uz/ru/en business-term lexicon (retrieval/lexicon.txt) and the per-language filler
// words (retrieval/filler.txt), read once and normalised like documents and questions are.
package app.botfactory.ai.retrieval;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

public final class Lexicon {

    private static final Lexicon STANDARD = new Lexicon(lines("retrieval/lexicon.txt"),
            lines("retrieval/filler.txt"));

    private final List<Concept> concepts;
    /** Positions in `concepts` of those with a term starting with the key word; clock terms apart. */
    private final Map<String, int[]> byFirstWord;
    private final int[] withClockTerms;
    private final Set<String> filler;
    private final List<String> fillerPrefixes;

    Lexicon(List<String> conceptLines, List<String> fillerLines) {
        this.concepts = conceptLines.stream().map(Lexicon::concept).filter(c -> !c.terms().isEmpty())
                .toList();
        Map<String, Set<Integer>> first = new HashMap<>();
        Set<Integer> clocks = new TreeSet<>();
        for (int i = 0; i < concepts.size(); i++) {
            for (List<String> term : concepts.get(i).terms()) {
                if (Concept.isClockMarker(term.get(0))) {
                    clocks.add(i);
                } else {
                    first.computeIfAbsent(term.get(0), k -> new TreeSet<>()).add(i);
                }
            }
        }
        Map<String, int[]> index = new HashMap<>();
        first.forEach((word, at) -> index.put(word, at.stream().mapToInt(Integer::intValue).toArray()));
        this.byFirstWord = Map.copyOf(index);
        this.withClockTerms = clocks.stream().mapToInt(Integer::intValue).toArray();
        Set<String> words = new HashSet<>();
        List<String> prefixes = new ArrayList<>();
        for (String line : fillerLines) {
            for (String raw : line.split("\\s+")) {
                boolean prefix = raw.endsWith("*");
                String word = TextNormalizer.normalize(prefix ? raw.substring(0, raw.length() - 1) : raw);
                if (word.isEmpty() || word.contains(" ")) {
                    continue;
                }
                if (prefix) {
                    prefixes.add(word);
                } else {
                    words.add(word);
                }
            }
        }
        this.filler = Set.copyOf(words);
        this.fillerPrefixes = List.copyOf(prefixes);
    }

    public static Lexicon standard() {
        return STANDARD;
    }

    public List<Concept> concepts() {
        return concepts;
    }

    /**
     * The concepts that can have a term starting at this token, in lexicon order: those with a term
     * whose first word is a prefix of it (Concept.wordMatches needs that), and those with clock terms.
     * Matching a question tries only these instead of every term of the lexicon at every word.
     */
    public List<Concept> candidates(String token) {
        Set<Integer> at = new TreeSet<>();
        for (int len = 1; len <= token.length(); len++) {
            int[] found = byFirstWord.get(token.substring(0, len));
            if (found != null) {
                for (int i : found) {
                    at.add(i);
                }
            }
        }
        for (int i : withClockTerms) {
            at.add(i);
        }
        List<Concept> out = new ArrayList<>(at.size());
        at.forEach(i -> out.add(concepts.get(i)));
        return out;
    }

    public boolean isFiller(String token) {
        return filler.contains(token) || fillerPrefixes.stream().anyMatch(token::startsWith);
    }

    /** "name: term, term words, ..." -> a concept whose terms are normalised word lists. */
    private static Concept concept(String line) {
        int colon = line.indexOf(':');
        String name = colon < 0 ? line : line.substring(0, colon).strip();
        boolean weak = name.startsWith("~");
        List<List<String>> terms = new ArrayList<>();
        for (String raw : line.substring(colon + 1).split(",")) {
            String clock = Concept.CLOCKS.get(raw.strip());
            List<String> words = clock != null ? List.of(clock) : TextNormalizer.tokens(raw);
            if (!words.isEmpty() && !terms.contains(words)) {
                terms.add(List.copyOf(words));
            }
        }
        return new Concept(weak ? name.substring(1) : name, List.copyOf(terms), weak);
    }

    private static List<String> lines(String resource) {
        InputStream in = Lexicon.class.getClassLoader().getResourceAsStream(resource);
        if (in == null) {
            throw new IllegalStateException("missing resource " + resource);
        }
        List<String> out = new ArrayList<>();
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                String l = line.strip();
                if (!l.isEmpty() && !l.startsWith("#")) {
                    out.add(l);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out;
    }
}

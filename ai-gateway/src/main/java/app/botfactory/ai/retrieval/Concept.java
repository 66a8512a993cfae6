// One topic of a question: the word the customer used and, when it is a business term, every
// equivalent of it from the lexicon. A passage covers the topic when any of its terms occurs in it.
package app.botfactory.ai.retrieval;

import java.util.List;
import java.util.Map;

public record Concept(String name, List<List<String>> terms, boolean weak) {

    /** The lexicon's spelling of "a time of day in the text" (normalised "9:00" is "9 00"). */
    static final String CLOCK = "clock";
    /** A time of day in the morning (5:00-11:59) or the evening (17:00-23:59): "8:00" is morning. */
    static final String MORNING = "clock-morning";
    static final String EVENING = "clock-evening";
    /** Lexicon placeholders -> the markers above, with the hours each accepts. */
    static final Map<String, String> CLOCKS = Map.of("<clock>", CLOCK, "<morning>", MORNING,
            "<evening>", EVENING);
    private static final Map<String, int[]> HOURS = Map.of(CLOCK, new int[] {0, 24},
            MORNING, new int[] {5, 11}, EVENING, new int[] {17, 23});

    /** Terms this short match a word only when they are most of it ("pul" ~ "puli", not "pulemyot"). */
    static final int SHORT = 3;
    static final int SHORT_SLACK = 4;

    /** A single-word concept for a word the lexicon does not know. */
    public static Concept word(String stem) {
        return new Concept(stem, List.of(List.of(stem)), false);
    }

    /** A plain word of the question (made by {@link #word}), not a lexicon concept. */
    public boolean plain() {
        return !weak && terms.size() == 1 && terms.get(0).size() == 1 && terms.get(0).get(0).equals(name);
    }

    /** True when one of the terms occurs in the tokens (a passage's or a sentence's). */
    public boolean coveredBy(List<String> tokens) {
        for (int i = 0; i < tokens.size(); i++) {
            if (matchLength(tokens, i) > 0) {
                return true;
            }
        }
        return false;
    }

    /** A lexicon clock marker ("clock", "clock-morning", ...) rather than a word. */
    static boolean isClockMarker(String word) {
        return HOURS.containsKey(word);
    }

    /** Length in tokens of the longest term matching at position i, 0 when none does. */
    int matchLength(List<String> tokens, int i) {
        int best = 0;
        for (List<String> term : terms) {
            if (term.size() > best && matchesAt(term, tokens, i)) {
                best = term.size();
            }
        }
        return best;
    }

    static boolean matchesAt(List<String> term, List<String> tokens, int i) {
        int[] hours = term.size() == 1 ? HOURS.get(term.get(0)) : null;
        if (hours != null) {
            return isClock(tokens, i, hours[0], hours[1]);
        }
        if (i + term.size() > tokens.size()) {
            return false;
        }
        for (int k = 0; k < term.size(); k++) {
            if (!wordMatches(term.get(k), tokens.get(i + k))) {
                return false;
            }
        }
        return true;
    }

    /** "9 00", "18 30": an hour from `from` to `to` followed by minutes. */
    private static boolean isClock(List<String> tokens, int i, int from, int to) {
        if (i + 1 >= tokens.size()) {
            return false;
        }
        String h = tokens.get(i);
        String m = tokens.get(i + 1);
        if (!h.matches("[0-2]?[0-9]") || !m.matches("[0-5][0-9]")) {
            return false;
        }
        int hour = Integer.parseInt(h);
        return hour >= from && hour <= to;
    }

    /** A term is a prefix of the word; a short term must also be most of the word or its stem. */
    static boolean wordMatches(String term, String word) {
        if (!word.startsWith(term)) {
            return false;
        }
        return term.length() > SHORT || word.length() <= term.length() + SHORT_SLACK
                || QueryTerms.stem(word).length() <= term.length() + 1;
    }
}

// Turns a customer's question into topics: normalised tokens; runs of words that are a lexicon term
// become that business concept (with its uz/ru/en equivalents, so "доставка?" finds a document that
// says "yetkazib berish"); filler words drop; any other word becomes a concept of its own light stem
// (Uzbek and Russian inflect heavily: "kurslar" -> "kurs", "ташкенту" -> "tashkent").
package app.botfactory.ai.retrieval;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

public final class QueryTerms {

    /** A lone vowel or -s is cut only from a word longer than this. */
    public static final int MIN_STEM = 4;

    /** Endings stripped from words the lexicon does not know (normalised spelling; longest first). */
    private static final List<String> SUFFIXES = List.of(
            // Uzbek: plural, case, possessive, question and verb endings
            "sizlarmi", "ingizdan", "ingizga", "ingizmi", "moqchi", "sizlar", "ayapti", "guncha", "imizda",
            "ingizda", "ingizni", "ingiz", "larning", "yapti", "adimi", "ydimi", "iladi", "asiz", "aman",
            "ladi", "gani", "imni", "ingni", "lik", "cha", "ish", "li", "lardan", "larda", "larga", "larni", "lari", "lar",
            "gacha", "dagi", "ning", "imiz", "ngiz", "dan", "miz", "siz", "moq", "gan", "adi", "ydi",
            "ni", "ga", "ka", "qa", "da", "mi", "chi", "si", "sa", "ib",
            // Russian (transliterated): adjective, noun and verb endings
            "yami", "ogo", "ego", "omu", "emu", "ymi", "imi", "ami", "iye", "iya", "iyu", "aya", "oye",
            "yye", "ykh", "tsya", "sya", "yut", "yat", "om", "em", "ov", "ev", "ey", "oy", "yu", "ya",
            "iy", "yy", "ix", "ax", "it", "at", "et", "ut",
            // English
            "ing", "ed", "es", "ly",
            // single vowels and -s last
            "a", "e", "i", "o", "u", "y", "s");

    private QueryTerms() { }

    public static List<Concept> concepts(String question) {
        return concepts(question, Lexicon.standard());
    }

    /** The question's topics in order, each once. */
    public static List<Concept> concepts(String question, Lexicon lexicon) {
        List<String> tokens = TextNormalizer.tokens(question);
        Map<String, Concept> out = new LinkedHashMap<>();
        int i = 0;
        while (i < tokens.size()) {
            String token = tokens.get(i);
            List<Concept> matched = new ArrayList<>();
            int longest = longestMatch(lexicon, tokens, i, matched);
            boolean filler = longest == 0 && (lexicon.isFiller(token) || token.length() < 2);
            for (String variant : longest == 0 && !filler ? spellingVariants(token) : List.<String>of()) {
                List<String> varied = new ArrayList<>(tokens);
                varied.set(i, variant);
                longest = longestMatch(lexicon, varied, i, matched);
                filler = longest == 0 && lexicon.isFiller(variant);
                if (longest > 0 || filler) {
                    break;
                }
            }
            if (filler) {
                i++;
                continue;
            }
            if (longest > 0) {
                Concept merged = merge(matched);
                out.putIfAbsent(merged.name(), merged);
                i += longest;
            } else {
                Concept word = Concept.word(stem(token));
                out.putIfAbsent(word.name(), word);
                i++;
            }
        }
        return List.copyOf(out.values());
    }

    /** Length of the longest lexicon terms matching at i; their concepts replace matched's content. */
    private static int longestMatch(Lexicon lexicon, List<String> tokens, int i, List<Concept> matched) {
        int longest = 0;
        matched.clear();
        for (Concept c : lexicon.candidates(tokens.get(i))) {
            int n = c.matchLength(tokens, i);
            if (n > longest) {
                longest = n;
                matched.clear();
            }
            if (n > 0 && n == longest) {
                matched.add(c);
            }
        }
        return longest;
    }

    /**
     * Informal Uzbek Latin spellings of a word the lexicon does not know as typed: customers often
     * write k for q ("kancha") and h for x ("hizmat") or the other way round ("taxlil"), and English
     * habit writes kh for x ("khizmat"); sh and ch stay.
     */
    static List<String> spellingVariants(String token) {
        if (!token.matches("[a-z]+")) {
            return List.of();
        }
        String q = token.replace('k', 'q');
        String x = token.replaceAll("(?<![sc])h", "x");
        String h = token.replace('x', 'h');
        String kh = token.replace("kh", "x");
        Set<String> out = new LinkedHashSet<>(List.of(q, x, h, x.replace('k', 'q'), kh));
        out.remove(token);
        return List.copyOf(out);
    }

    /** A word that belongs to several concepts ("telefon": phone and smartphone) stands for all of them. */
    private static Concept merge(List<Concept> concepts) {
        if (concepts.size() == 1) {
            return concepts.get(0);
        }
        Set<List<String>> terms = new LinkedHashSet<>();
        List<String> names = new ArrayList<>();
        boolean weak = true;
        for (Concept c : concepts) {
            names.add(c.name());
            terms.addAll(c.terms());
            weak &= c.weak();
        }
        return new Concept(String.join("+", names), List.copyOf(terms), weak);
    }

    /**
     * Strips up to three known endings: a word ending never leaves fewer than 3 letters, a lone vowel
     * (or -s) 4, and a lone letter goes only as the word's last ending, never after a longer one.
     */
    public static String stem(String token) {
        String s = token;
        for (int round = 0; round < 3; round++) {
            String before = s;
            for (String suffix : SUFFIXES) {
                if (suffix.length() == 1 && round > 0) {
                    continue;
                }
                int keep = suffix.length() == 1 ? MIN_STEM : MIN_STEM - 1;
                if (s.endsWith(suffix) && s.length() - suffix.length() >= keep) {
                    s = s.substring(0, s.length() - suffix.length());
                    break;
                }
            }
            if (s.equals(before)) {
                break;
            }
        }
        return s;
    }
}

// One spelling for every way our customers write: lower case, every apostrophe variant dropped,
// Uzbek (and Russian) Cyrillic transliterated to Uzbek Latin, ş/ç of the reformed Latin alphabet as
// sh/ch, other accents stripped, punctuation dropped. Documents and
// questions go through the same function, so "Ўқиш", "o‘qish", "oʻqish" and "oqish" meet.
package app.botfactory.ai.retrieval;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

public final class TextNormalizer {

    /** Uzbek Cyrillic -> Latin (the official 1995 alphabet); Russian letters follow the same table. */
    private static final Map<Character, String> CYRILLIC = Map.ofEntries(
            Map.entry('а', "a"), Map.entry('б', "b"), Map.entry('в', "v"), Map.entry('г', "g"), Map.entry('д', "d"),
            Map.entry('е', "e"), Map.entry('ё', "yo"), Map.entry('ж', "j"), Map.entry('з', "z"), Map.entry('и', "i"),
            Map.entry('й', "y"), Map.entry('к', "k"), Map.entry('л', "l"), Map.entry('м', "m"), Map.entry('н', "n"),
            Map.entry('о', "o"), Map.entry('п', "p"), Map.entry('р', "r"), Map.entry('с', "s"), Map.entry('т', "t"),
            Map.entry('у', "u"), Map.entry('ф', "f"), Map.entry('х', "x"), Map.entry('ц', "ts"), Map.entry('ч', "ch"),
            Map.entry('ш', "sh"), Map.entry('щ', "sh"), Map.entry('ъ', ""), Map.entry('ы', "i"), Map.entry('ь', ""),
            Map.entry('э', "e"), Map.entry('ю', "yu"), Map.entry('я', "ya"), Map.entry('ў', "o"), Map.entry('қ', "q"),
            Map.entry('ғ', "g"), Map.entry('ҳ', "h"), Map.entry('і', "i"));

    private TextNormalizer() { }

    /** The normalised text: tokens of [a-z0-9] separated by single spaces. */
    public static String normalize(String text) {
        if (text == null) {
            return "";
        }
        String s = Normalizer.normalize(text, Normalizer.Form.NFC).toLowerCase(Locale.ROOT);
        StringBuilder out = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            String latin = CYRILLIC.get(c);
            if (c == 'е' && (i == 0 || !Character.isLetter(s.charAt(i - 1)) || isVowel(s.charAt(i - 1)))) {
                out.append("ye"); // Uzbek (and Russian) е is "ye" at the start of a word and after a vowel
            } else if (latin != null) {
                out.append(latin);
            } else if (isApostrophe(c)) {
                // o' / g' are letters of their own in Uzbek Latin; written with or without the mark,
                // both spellings must match, so the mark is dropped ("o'qish" == "oqish").
                continue;
            } else if (c == 'ş' || c == 'ș') {
                out.append("sh"); // the reformed Uzbek Latin alphabet (and Turkish habit): ş = sh, ç = ch
            } else if (c == 'ç') {
                out.append("ch");
            } else if (Character.isLetterOrDigit(c)) {
                char plain = stripAccent(c);
                out.append(plain);
            } else {
                out.append(' ');
            }
        }
        return out.toString().trim().replaceAll("\\s+", " ");
    }

    public static List<String> tokens(String text) {
        String normalized = normalize(text);
        List<String> tokens = new ArrayList<>();
        if (!normalized.isEmpty()) {
            for (String t : normalized.split(" ")) {
                tokens.add(t);
            }
        }
        return tokens;
    }

    private static boolean isVowel(char c) {
        return "аеёиоуўэюяыaeiou".indexOf(c) >= 0;
    }

    private static boolean isApostrophe(char c) {
        return c == '\'' || c == '\u2018' || c == '\u2019' || c == '\u02BB' || c == '\u02BC' || c == '`'
                || c == '\u00B4' || c == '\u02B9' || c == '\u201B' || c == '\u2032' || c == '\uFF07';
    }

    private static char stripAccent(char c) {
        if (c < 128) {
            return c;
        }
        String decomposed = Normalizer.normalize(String.valueOf(c), Normalizer.Form.NFD);
        char base = decomposed.charAt(0);
        return base < 128 ? base : c;
    }
}

// Turns a customer's question into search terms: normalised tokens minus filler words, cut to a
// short stem (Uzbek and Russian inflect heavily), each expanded with its uz/ru/en equivalents
// from a small business lexicon so "доставка?" finds a document that says "yetkazib berish".
package app.botfactory.ai.retrieval;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

public final class QueryTerms {

    /** Stems are at most this long: "narxlari" -> "narxl", "dostavki" -> "dosta", "delivery" -> "deliv". */
    public static final int STEM = 5;

    /** Words that carry no topic in any of our three languages (normalised spelling). */
    private static final Set<String> FILLER = Set.copyOf(List.of(
            "the", "a", "an", "is", "are", "do", "does", "did", "you", "your", "i", "to", "of", "for", "in", "on",
            "and", "or", "it", "this", "that", "we", "my", "me", "please", "have", "has", "there", "what", "can",
            "be", "with", "at", "any", "about", "tell", "us", "our", "hi", "hello",
            "v", "na", "s", "u", "k", "po", "eto", "kak", "chto", "ya", "vi", "vas", "li", "mne", "skajite",
            "pojaluysta", "no", "ili", "ne", "ot", "za", "dlya", "mojno", "est", "a", "zdravstvuyte", "privet",
            "va", "bu", "men", "siz", "sizda", "sizlarda", "mi", "nima", "uchun", "bilan", "ham", "iltimos",
            "kerak", "bormi", "assalomu", "alaykum", "salom", "bor", "ayting", "aytingchi", "necha", "nechada",
            "qanday", "qaysi", "kak", "kakoy", "kakie", "skaj", "pojalu", "would", "could", "which"));

    /** Concept groups: any member's stem stands for all of them. Keep entries normalised. */
    private static final List<List<String>> LEXICON = List.of(
            List.of("price", "cost", "much", "fee", "tariff", "narx", "qancha", "turadi", "tsena", "stoim", "skolko",
                    "pul", "som", "sum", "dollar", "tolov"),
            List.of("deliver", "shipping", "ship", "courier", "dostav", "kuryer", "yetkaz", "eltib", "olib"),
            List.of("hour", "open", "close", "schedule", "time", "working", "soat", "vaqt", "ochiq", "yopiq",
                    "ishla", "rabot", "chas", "grafik", "otkr", "zakr", "kogda", "qachon", "when", "ochil", "yopil"),
            List.of("address", "locat", "where", "manzil", "qayer", "joylash", "adres", "gde", "nahod", "orientir"),
            List.of("pay", "payment", "card", "cash", "click", "payme", "uzcard", "humo", "naqd", "karta", "oplat",
                    "nalich", "perevod", "tolov"),
            List.of("refund", "return", "exchange", "qaytar", "almash", "vozvrat", "vernut", "obmen"),
            List.of("phone", "call", "contact", "number", "telefon", "qongiroq", "aloqa", "raqam", "zvon", "nomer",
                    "svyaz"),
            List.of("discount", "sale", "promo", "chegirma", "aksiya", "skidk"),
            List.of("book", "appointment", "reserv", "yozil", "band", "qabul", "zapis", "bron", "priyom"),
            List.of("doctor", "shifokor", "vrach", "doktor", "mutaxassis", "spetsialist", "specialist"),
            List.of("course", "lesson", "class", "kurs", "dars", "mashgulot", "urok", "zanyat"),
            List.of("teacher", "oqituvchi", "ustoz", "uchitel", "prepodav", "instructor"),
            List.of("exam", "test", "imtihon", "ekzamen", "sinov"),
            List.of("warranty", "guarantee", "kafolat", "garanti"),
            List.of("parking", "parkovk", "avtoturargoh", "mashina"));

    private QueryTerms() { }

    /** Stems of the question's topic words, each followed by its lexicon equivalents. */
    public static List<Set<String>> concepts(String question) {
        List<Set<String>> concepts = new ArrayList<>();
        Set<String> seen = new LinkedHashSet<>();
        for (String token : TextNormalizer.tokens(question)) {
            if (FILLER.contains(token) || token.length() < 2) {
                continue;
            }
            String stem = stem(token);
            if (!seen.add(stem)) {
                continue;
            }
            Set<String> concept = new LinkedHashSet<>();
            concept.add(stem);
            for (List<String> group : LEXICON) {
                if (group.stream().anyMatch(word -> matches(stem, word))) {
                    group.forEach(word -> concept.add(stem(word)));
                }
            }
            concepts.add(concept);
        }
        return concepts;
    }

    public static String stem(String token) {
        return token.length() <= STEM ? token : token.substring(0, STEM);
    }

    /** A stem meets a word when one starts with the other ("narx" and "narxi", "dosta" and "dostav"). */
    public static boolean matches(String stem, String word) {
        String w = stem(word);
        return w.startsWith(stem) || stem.startsWith(w) && w.length() >= 3;
    }

    /** A Postgres tsquery (simple configuration) matching any stem as a prefix. */
    public static String tsQuery(List<Set<String>> concepts) {
        Set<String> stems = new LinkedHashSet<>();
        concepts.forEach(stems::addAll);
        List<String> parts = new ArrayList<>();
        for (String s : stems) {
            if (s.matches("[a-z0-9]+")) {
                parts.add(s + ":*");
            }
        }
        return String.join(" | ", parts);
    }
}

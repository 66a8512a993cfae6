// Scores retrieval results of an evaluation set: hit@1 / hit@3 per question language, same- vs
// cross-language, fallback rate on out-of-scope questions and false fallbacks on in-scope ones.
package app.botfactory.ai.eval;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

public final class EvalReport {

    /** One question and the documents retrieval returned, best first (distinct). */
    public record Outcome(EvalSet.Question question, boolean sameLanguage, List<String> docs) {
        boolean hit(int k) {
            return docs.stream().limit(k).anyMatch(question.expect()::contains);
        }
    }

    /** Counts of one row of the table. */
    public static final class Row {
        int n;
        int hit1;
        int hit3;
        int fallback;

        void add(Outcome o) {
            n++;
            hit1 += o.hit(1) ? 1 : 0;
            hit3 += o.hit(3) ? 1 : 0;
            fallback += o.docs().isEmpty() ? 1 : 0;
        }

        public double hit1() {
            return pct(hit1, n);
        }

        public double hit3() {
            return pct(hit3, n);
        }

        public double fallback() {
            return pct(fallback, n);
        }

        public int n() {
            return n;
        }
    }

    private final List<Outcome> outcomes = new ArrayList<>();

    public void add(Outcome o) {
        outcomes.add(o);
    }

    public Row row(java.util.function.Predicate<Outcome> which) {
        Row row = new Row();
        outcomes.stream().filter(which).forEach(row::add);
        return row;
    }

    public Row sameLanguage() {
        return row(o -> !o.question().outOfScope() && o.sameLanguage());
    }

    public Row crossLanguage() {
        return row(o -> !o.question().outOfScope() && !o.sameLanguage());
    }

    public Row inScope() {
        return row(o -> !o.question().outOfScope());
    }

    public Row outOfScope() {
        return row(o -> o.question().outOfScope());
    }

    public String table(String title) {
        Map<String, Row> rows = new LinkedHashMap<>();
        for (String lang : List.of("uz-latn", "uz-cyrl", "ru", "en")) {
            rows.put("in-scope " + lang,
                    row(o -> !o.question().outOfScope() && o.question().lang().equals(lang)));
        }
        rows.put("same-language", sameLanguage());
        rows.put("cross-language", crossLanguage());
        rows.put("all in-scope", inScope());
        StringBuilder s = new StringBuilder();
        s.append(title).append('\n');
        s.append(String.format("%-22s %5s %8s %8s %15s%n", "questions", "n", "hit@1", "hit@3",
                "false-fallback"));
        rows.forEach((name, r) -> s.append(String.format("%-22s %5d %7.1f%% %7.1f%% %14.1f%%%n", name, r.n,
                r.hit1(), r.hit3(), r.fallback())));
        Row oos = outOfScope();
        s.append(String.format("%-22s %5d %27s %7.1f%% -> fallback%n", "out-of-scope", oos.n, "",
                oos.fallback()));
        return s.toString();
    }

    /** The questions retrieval got wrong, for whoever tunes it. */
    public String misses() {
        StringBuilder s = new StringBuilder("misses (hit@3 failed, or out-of-scope answered):\n");
        for (Outcome o : outcomes) {
            boolean wrong = o.question().outOfScope() ? !o.docs().isEmpty() : !o.hit(3);
            if (wrong) {
                s.append(String.format("  [%s %s] %s expect=%s got=%s%n", o.question().bot(),
                        o.question().lang(), o.question().q(), o.question().expect(), o.docs()));
            }
        }
        return s.toString();
    }

    private static double pct(int part, int whole) {
        return whole == 0 ? 0 : 100.0 * part / whole;
    }
}

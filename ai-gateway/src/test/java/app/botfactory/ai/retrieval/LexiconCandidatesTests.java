// Question matching asks the lexicon only for the concepts that can start at a word
// (Lexicon.candidates) instead of trying every term everywhere; that must never miss one. Checked
// at every word of every evaluation question and document, against a scan of the whole lexicon.
package app.botfactory.ai.retrieval;

import app.botfactory.ai.eval.EvalSet;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class LexiconCandidatesTests {

    @Test
    void everyConceptMatchingAtAWordIsAmongItsCandidatesInLexiconOrder() {
        Lexicon lexicon = Lexicon.standard();
        List<String> texts = new ArrayList<>();
        Stream.of("eval/retrieval-eval.yaml", "eval/retrieval-holdout.yaml", "eval/retrieval-holdout2.yaml",
                "eval/retrieval-holdout3.yaml").map(EvalSet::load).forEach(set -> {
                    set.questions().forEach(q -> texts.add(q.q()));
                    set.bots().forEach(b -> b.documents().forEach(d -> texts.add(d.title() + " " + d.content())));
                });
        int matches = 0;
        for (String text : texts) {
            List<String> tokens = TextNormalizer.tokens(text);
            for (int i = 0; i < tokens.size(); i++) {
                List<Concept> scanned = new ArrayList<>();
                for (Concept c : lexicon.concepts()) {
                    if (c.matchLength(tokens, i) > 0) {
                        scanned.add(c);
                    }
                }
                int at = i;
                List<Concept> candidates = lexicon.candidates(tokens.get(i));
                List<Concept> matched = candidates.stream().filter(c -> c.matchLength(tokens, at) > 0).toList();
                assertEquals(scanned, matched, "at '" + tokens.get(i) + "' of: " + text);
                matches += scanned.size();
            }
        }
        assertTrue(matches > 1000, "the texts exercise the lexicon: " + matches);
    }
}

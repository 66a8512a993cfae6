// The in-memory passage index must find exactly what a scan of each passage's words finds: every
// question of the evaluation sets, topic by topic, against every passage of its business.
package app.botfactory.ai;

import app.botfactory.ai.eval.EvalSet;
import app.botfactory.ai.retrieval.Chunker;
import app.botfactory.ai.retrieval.Concept;
import app.botfactory.ai.retrieval.PassageIndex;
import app.botfactory.ai.retrieval.QueryTerms;
import app.botfactory.ai.retrieval.TextNormalizer;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PassageIndexTests {

    private static final EvalSet KNOWLEDGE = EvalSet.load("eval/retrieval-eval.yaml");
    private static final List<EvalSet.Question> QUESTIONS = Stream.of("eval/retrieval-eval.yaml",
                    "eval/retrieval-holdout.yaml", "eval/retrieval-holdout2.yaml", "eval/retrieval-holdout3.yaml")
            .flatMap(set -> EvalSet.load(set).questions().stream()).toList();

    @Test
    void everyTopicOfEveryEvaluationQuestionCoversTheSamePassagesAsAScanOfTheirWords() {
        Map<String, List<EvalSet.Question>> byBot = QUESTIONS.stream()
                .collect(Collectors.groupingBy(EvalSet.Question::bot));
        int covered = 0;
        int notCovered = 0;
        for (EvalSet.Bot bot : KNOWLEDGE.bots()) {
            List<String> norms = new ArrayList<>();
            bot.documents().forEach(d -> Chunker.chunks(d.content())
                    .forEach(chunk -> norms.add(TextNormalizer.normalize(d.title() + " " + chunk))));
            PassageIndex index = new PassageIndex(norms);
            for (EvalSet.Question q : byBot.getOrDefault(bot.id(), List.of())) {
                for (Concept concept : QueryTerms.concepts(q.q())) {
                    BitSet found = index.covering(concept);
                    for (int p = 0; p < norms.size(); p++) {
                        boolean scanned = concept.coveredBy(Arrays.asList(norms.get(p).split(" ")));
                        assertEquals(scanned, found.get(p), "'" + concept.name() + "' of \"" + q.q()
                                + "\" in passage " + p + " of " + bot.id());
                        covered += scanned ? 1 : 0;
                        notCovered += scanned ? 0 : 1;
                    }
                }
            }
        }
        assertTrue(covered > 500 && notCovered > 500, "both outcomes were exercised: " + covered + "/" + notCovered);
    }

    @Test
    void multiWordTermsAndClockTimesAreFoundInOrderOnly() {
        PassageIndex index = new PassageIndex(List.of(
                "har kuni soat 9 00 dan 21 00 gacha ishlaymiz",
                "soat bor 00 9",
                "yetkazib berish bepul",
                "berish yetkazib"));
        Concept morning = QueryTerms.concepts("ertalab").get(0);
        assertEquals(bits(0), index.covering(morning), "9:00 in the first passage only");
        Concept delivery = new Concept("delivery", List.of(List.of("yetkazib", "berish")), false);
        assertEquals(bits(2), index.covering(delivery), "the words in the term's order");
    }

    @Test
    void countsHowOftenAPassageUsesATopicsWords() {
        PassageIndex index = new PassageIndex(List.of("narx 15 000 narxi narxlar", "pulemyot", "narxi"));
        int[] mentions = new int[3];
        index.countMentions(Concept.word("narx"), mentions);
        assertArrayEquals(new int[] {3, 0, 1}, mentions);
        int[] money = new int[3];
        index.countMentions(Concept.word("pul"), money);
        assertArrayEquals(new int[] {0, 0, 0}, money, "a short term is not a prefix of any long word");
        assertEquals(bits(1), index.withPrefix("pul"), "but as typed, any word starting so counts");
    }

    private static BitSet bits(int... set) {
        BitSet b = new BitSet();
        Arrays.stream(set).forEach(b::set);
        return b;
    }
}

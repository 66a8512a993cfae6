// Normalisation and query terms: the spelling rules that let Uzbek Latin, Uzbek Cyrillic,
// Russian and English meet in one index.
package app.botfactory.ai;

import app.botfactory.ai.retrieval.Chunker;
import app.botfactory.ai.retrieval.Concept;
import app.botfactory.ai.retrieval.QueryTerms;
import app.botfactory.ai.retrieval.Relevance;
import app.botfactory.ai.retrieval.TextNormalizer;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RetrievalTextTests {

    @Test
    void everyApostropheVariantAndTheBareLetterMeet() {
        String expected = TextNormalizer.normalize("oqish");
        for (String spelling : List.of("o'qish", "o‘qish", "oʻqish", "o’qish", "O`qish", "Ўқиш", "o‛qish",
                "o′qish", "ó'qish")) {
            assertEquals(expected, TextNormalizer.normalize(spelling), spelling);
        }
    }

    @Test
    void theReformedLatinLettersMeetTheirTwoLetterSpellings() {
        assertEquals(TextNormalizer.normalize("Toshkent bo'ylab choy"),
                TextNormalizer.normalize("Toşkent bo'ylab çoy"));
    }

    @Test
    void uzbekCyrillicTransliteratesToLatin() {
        assertEquals("yetkazib berish toshkent boylab", TextNormalizer.normalize("Етказиб бериш Тошкент бўйлаб"));
        assertEquals("gisht xona", TextNormalizer.normalize("Ғишт Хона!"));
    }

    @Test
    void fillerWordsDropAndTopicsExpandAcrossLanguages() {
        List<Concept> concepts = QueryTerms.concepts("Сколько стоит доставка?");
        assertEquals(2, concepts.size(), "price and delivery: " + concepts);
        assertTrue(concepts.get(0).coveredBy(TextNormalizer.tokens("Narxi 15 000 so'm")), "сколько стоит");
        assertTrue(concepts.get(1).coveredBy(TextNormalizer.tokens("Yetkazib berish bepul")), "доставка");
        assertFalse(concepts.get(1).coveredBy(TextNormalizer.tokens("Har kuni 9:00 dan ishlaymiz")));
        assertTrue(QueryTerms.concepts("Is there a the and?").isEmpty());
        assertTrue(QueryTerms.concepts("Iltimos, ayting-chi, bormi?").isEmpty());
    }

    @Test
    void wordsTheKnowledgeLacksWeighLessOnlyAmongMostlyCoveredTopics() {
        String passage = TextNormalizer.normalize("Yetkazib berish narxi 30 000 so'm");
        List<Concept> twoKnownOneUnknown = QueryTerms.concepts("Dostavka narxi qancha, bitkoin?");
        double weighted = Relevance.coverage(twoKnownOneUnknown, passage, c -> c.plain() ? 0 : 1);
        assertEquals(2.0 / 2.5, weighted, 1e-9, "unknown word weighs half: " + twoKnownOneUnknown);
        assertEquals(2.0 / 3, Relevance.coverage(twoKnownOneUnknown, passage), 1e-9, "unweighted");

        List<Concept> priceOfUnknown = QueryTerms.concepts("Bitkoin narxi qancha?");
        assertEquals(0.5, Relevance.coverage(priceOfUnknown, passage, c -> c.plain() ? 0 : 1), 1e-9,
                "one covered topic: the unknown thing still counts fully");
    }

    @Test
    void aWordOnlyOneDocumentHasWeighsDouble() {
        List<Concept> concepts = QueryTerms.concepts("Registonga parkovka?");
        String passage = TextNormalizer.normalize("Registon ko'chasi 21-uy");
        double weighted = Relevance.coverage(concepts, passage, c -> c.plain() ? 1 : 2);
        assertEquals(2.0 / 3, weighted, 1e-9, "registon twice: " + concepts);
        assertEquals(1.0 / 2, Relevance.coverage(concepts, passage), 1e-9, "unweighted");
        assertTrue(weighted > 0.55, "distinctive name carries the passage: " + weighted);
    }

    @Test
    void informalUzbekSpellingsFindTheirConcept() {
        assertEquals(QueryTerms.concepts("qancha"), QueryTerms.concepts("kancha"), "k for q");
        assertEquals(QueryTerms.concepts("xizmat haqi"), QueryTerms.concepts("hizmat haqi"), "h for x");
        assertEquals(QueryTerms.concepts("tahlil"), QueryTerms.concepts("taxlil"), "x for h");
        assertEquals(QueryTerms.concepts("xizmat haqi"), QueryTerms.concepts("khizmat haqi"), "kh for x");
        assertEquals("shokolad", QueryTerms.concepts("shokolad").get(0).name(), "no variant matches: the word");
    }

    @Test
    void aTimeOfDayCoversMorningOrEveningByItsHour() {
        List<String> openDaily = TextNormalizer.tokens("Har kuni 8:00 dan 22:00 gacha ochiqmiz");
        List<String> afternoon = TextNormalizer.tokens("Qabul 14:00 dan 16:30 gacha");
        Concept morning = QueryTerms.concepts("ertalab").get(0);
        Concept evening = QueryTerms.concepts("вечером").get(0);
        assertTrue(morning.coveredBy(openDaily), "8:00 is morning");
        assertTrue(evening.coveredBy(openDaily), "22:00 is evening");
        assertFalse(morning.coveredBy(afternoon), "14:00 is not morning");
        assertFalse(evening.coveredBy(afternoon), "16:30 is not evening");
    }

    @Test
    void aDoctorWhoReceivesPatientsIsNotABooking() {
        List<Concept> concepts = QueryTerms.concepts("Nevrolog qabul qiladimi?");
        assertEquals(List.of("neurologist", "accept"), concepts.stream().map(Concept::name).toList());
        assertTrue(concepts.get(1).weak(), "a passage listing doctors need not say they receive");
        assertEquals("appointment+enrol", QueryTerms.concepts("Qabulga yozilsam").get(0).name());
    }

    @Test
    void unknownWordsLoseTheirInflection() {
        assertEquals("kurs", QueryTerms.stem("kurslar"));
        assertEquals("tashkent", QueryTerms.stem(TextNormalizer.normalize("Ташкенту")));
        assertEquals("ishlay", QueryTerms.stem("ishlaysizlarmi"));
        assertEquals("yubora", QueryTerms.stem("yuborasizlarmi"), "a lone vowel only as the last ending");
        assertEquals("osh", QueryTerms.stem("osh"), "short words stay whole");
    }

    @Test
    void shortTermsMatchOnlyWordsTheyMostlyAre() {
        Concept money = QueryTerms.concepts("pul").get(0);
        assertTrue(money.coveredBy(List.of("pulni")));
        assertFalse(money.coveredBy(List.of("pulemyotchilar")));
    }

    @Test
    void chunksOverlapAndCoverTheWholeDocument() {
        StringBuilder doc = new StringBuilder();
        for (int i = 0; i < 60; i++) {
            doc.append("Gap raqami ").append(i).append(" haqida ma'lumot. ");
        }
        List<String> chunks = Chunker.chunks(doc.toString());
        assertTrue(chunks.size() > 1);
        assertTrue(chunks.stream().allMatch(c -> c.length() <= Chunker.TARGET + 200));
        assertTrue(chunks.get(chunks.size() - 1).contains("59"));
        String endOfFirst = chunks.get(0).substring(chunks.get(0).length() - 40);
        assertTrue(chunks.get(1).contains(endOfFirst.substring(endOfFirst.indexOf(' ') + 1)), "overlap");
    }
}

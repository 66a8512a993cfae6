// Without GOOGLE_API_KEY the bot answers from its best passage, across scripts and languages,
// and says its fallback message to what its knowledge does not cover.
package app.botfactory.ai;

import app.botfactory.testsupport.PlatformTestResource;
import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

@QuarkusTest
@WithTestResource(PlatformTestResource.class)
class ExtractiveAnswerTests {

    @Inject
    Pool pool;

    @Test
    void answersWithTheMostRelevantSentenceAndItsSource() {
        AiFixtures bot = new AiFixtures().bot(pool, null, "uz").entitled(pool, 100, 0);
        UUID doc = bot.document(pool, "Yetkazib berish",
                "Buyurtmalar 30 daqiqada tayyor bo'ladi. Yetkazib berish Toshkent bo'ylab bepul. "
                        + "Viloyatlarga yetkazib berish 30 000 so'm.");
        JsonNode reply = bot.replyTo(bot.customerSays("21", "Yetkazib berish bormi?"));
        assertEquals("ANSWER", reply.get("kind").asText());
        assertTrue(reply.get("text").asText().contains("Yetkazib berish Toshkent bo'ylab bepul."),
                reply.get("text").asText());
        assertEquals(doc.toString(), reply.get("sources").get(0).get("docId").asText());
    }

    @Test
    void uzbekCyrillicQuestionFindsALatinDocument() {
        AiFixtures bot = new AiFixtures().bot(pool, null, "uz").entitled(pool, 100, 0);
        bot.document(pool, "Manzil", "Bizning manzil: Toshkent, Chilonzor tumani, Bunyodkor ko'chasi 7.");
        JsonNode reply = bot.replyTo(bot.customerSays("22", "Манзилингиз қаерда?"));
        assertEquals("ANSWER", reply.get("kind").asText());
        assertTrue(reply.get("text").asText().contains("Chilonzor"), reply.get("text").asText());
    }

    @Test
    void russianQuestionFindsAnUzbekDocumentThroughTheLexicon() {
        AiFixtures bot = new AiFixtures().bot(pool, null, "uz").entitled(pool, 100, 0);
        bot.document(pool, "Narxlar", "Yetkazib berish narxi 15 000 so'm. Ko'k choy 5 000 so'm.");
        bot.document(pool, "Ish vaqti", "Har kuni soat 9:00 dan 23:00 gacha ishlaymiz.");
        JsonNode reply = bot.replyTo(bot.customerSays("23", "Сколько стоит доставка?"));
        assertEquals("ANSWER", reply.get("kind").asText());
        assertTrue(reply.get("text").asText().contains("15 000"), reply.get("text").asText());
    }

    @Test
    void outOfScopeQuestionGetsTheFallback() {
        AiFixtures bot = new AiFixtures().bot(pool, null, "en").entitled(pool, 100, 0);
        bot.document(pool, "Menu", "Green tea costs 5,000 sum. Plov costs 35,000 sum.");
        JsonNode reply = bot.replyTo(bot.customerSays("24", "Who won the football world cup in 1998?"));
        assertEquals("FALLBACK", reply.get("kind").asText());
        assertEquals(bot.fallback, reply.get("text").asText());
    }
}

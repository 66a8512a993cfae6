// The generative path against a stand-in Gemini speaking Google's wire format, with the real
// Postgres and Kafka: what the prompt holds, retries, fallbacks, limits and idempotency.
package app.botfactory.ai;

import app.botfactory.testsupport.GeminiStandIn;
import app.botfactory.testsupport.GeminiStandIn.Reply;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

@QuarkusTest
@WithTestResource(GeminiTestResource.class)
class GeminiAnswerTests {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Inject
    Pool pool;

    private final GeminiStandIn gemini = GeminiTestResource.gemini();

    @BeforeEach
    void resetGemini() {
        gemini.reset();
    }

    @Test
    void knowledgeAddedIsInTheNextPromptAndGoneOnceDeleted() throws Exception {
        AiFixtures bot = new AiFixtures().bot(pool, null, "uz").entitled(pool, 100, 0);
        UUID doc = bot.document(pool, "Narxlar", "Ko'k choy 5 000 so'm. Osh 35 000 so'm. Non 4 000 so'm.");
        gemini.answerWith(r -> Reply.text("Ko'k choy 5 000 so'm turadi."));

        JsonNode reply = bot.replyTo(bot.customerSays("11", "Choy narxi qancha?"));
        assertEquals("ANSWER", reply.get("kind").asText());
        assertEquals("Ko'k choy 5 000 so'm turadi.", reply.get("text").asText());
        assertEquals(doc.toString(), reply.get("sources").get(0).get("docId").asText());
        assertTrue(systemInstruction(last()).contains("Ko'k choy 5 000 so'm"), "the passage is in the prompt");

        bot.deleteDocument(pool, doc);
        int calls = gemini.requests().size();
        JsonNode after = bot.replyTo(bot.customerSays("11", "Choy narxi qancha?"));
        assertEquals("FALLBACK", after.get("kind").asText());
        assertEquals(bot.fallback, after.get("text").asText());
        assertEquals(calls, gemini.requests().size(), "nothing relevant left: no model call");
    }

    @Test
    void personaKeyAndModelReachGemini() throws Exception {
        AiFixtures bot = new AiFixtures().bot(pool, "Siz \"Choyxona\" oshxonasining xushmuomala yordamchisisiz.", "uz")
                .entitled(pool, 100, 0);
        bot.document(pool, "Ish vaqti", "Har kuni soat 9:00 dan 23:00 gacha ishlaymiz.");
        bot.replyTo(bot.customerSays("12", "Soat nechada ochilasiz?"));
        GeminiStandIn.Request request = last();
        assertEquals(GeminiTestResource.KEY, request.apiKey());
        assertEquals("gemini-test-flash", request.model());
        String system = systemInstruction(request);
        assertTrue(system.startsWith("Siz \"Choyxona\" oshxonasining xushmuomala yordamchisisiz."), system);
        assertTrue(system.contains(bot.fallback), "grounding rules name the fallback text");
    }

    @Test
    void conversationTurnsGoAlongInOrder() throws Exception {
        AiFixtures bot = new AiFixtures().bot(pool, null, "ru").entitled(pool, 100, 0);
        bot.document(pool, "Доставка", "Доставка по Ташкенту бесплатно. Доставка в регионы 30 000 сум.");
        gemini.answerWith(r -> Reply.text("Доставка по Ташкенту бесплатно."));
        bot.replyTo(bot.customerSays("13", "Есть доставка?"));
        gemini.answerWith(r -> Reply.text("В регионы 30 000 сум."));
        bot.replyTo(bot.customerSays("13", "А доставка в регионы?"));

        JsonNode contents = JSON.readTree(last().body()).get("contents");
        assertEquals(3, contents.size());
        assertEquals("user", contents.get(0).get("role").asText());
        assertEquals("Есть доставка?", contents.get(0).get("parts").get(0).get("text").asText());
        assertEquals("model", contents.get(1).get("role").asText());
        assertEquals("Доставка по Ташкенту бесплатно.", contents.get(1).get("parts").get(0).get("text").asText());
        assertEquals("А доставка в регионы?", contents.get(2).get("parts").get(0).get("text").asText());
    }

    @Test
    void retriesAn503ThenAnswers() {
        AiFixtures bot = new AiFixtures().bot(pool, null, "en").entitled(pool, 100, 0);
        bot.document(pool, "Address", "We are at 12 Amir Temur street, Tashkent.");
        gemini.script(Reply.unavailable(), Reply.rateLimited("0.2s"));
        gemini.answerWith(r -> Reply.text("12 Amir Temur street."));
        JsonNode reply = bot.replyTo(bot.customerSays("14", "What is your address?"));
        assertEquals("ANSWER", reply.get("kind").asText());
        assertEquals(3, gemini.requests().size());
    }

    @Test
    void aDroppedConnectionIsRetriedLikeAn503() {
        AiFixtures bot = new AiFixtures().bot(pool, null, "en").entitled(pool, 100, 0);
        bot.document(pool, "Address", "We are at 12 Amir Temur street, Tashkent.");
        gemini.script(Reply.dropConnection());
        gemini.answerWith(r -> Reply.text("12 Amir Temur street."));
        JsonNode reply = bot.replyTo(bot.customerSays("17", "What is your address?"));
        assertEquals("ANSWER", reply.get("kind").asText());
        assertEquals("12 Amir Temur street.", reply.get("text").asText());
        assertEquals(2, gemini.requests().size());
    }

    @Test
    void geminiDownMeansTheFallbackMessage() {
        AiFixtures bot = new AiFixtures().bot(pool, null, "en").entitled(pool, 100, 0);
        bot.document(pool, "Address", "We are at 12 Amir Temur street, Tashkent.");
        gemini.answerWith(r -> Reply.unavailable());
        JsonNode reply = bot.replyTo(bot.customerSays("15", "What is your address?"));
        assertEquals("FALLBACK", reply.get("kind").asText());
        assertEquals(bot.fallback, reply.get("text").asText());
        assertEquals(4, gemini.requests().size(), "first try plus three retries");
    }

    @Test
    void a400IsNotRetriedAndFallsBack() {
        AiFixtures bot = new AiFixtures().bot(pool, null, "en").entitled(pool, 100, 0);
        bot.document(pool, "Address", "We are at 12 Amir Temur street, Tashkent.");
        gemini.answerWith(r -> Reply.badRequest());
        JsonNode reply = bot.replyTo(bot.customerSays("16", "What is your address?"));
        assertEquals("FALLBACK", reply.get("kind").asText());
        assertEquals(1, gemini.requests().size());
    }

    @Test
    void usedUpAllowanceGetsTheLimitReplyWithoutAModelCall() {
        AiFixtures bot = new AiFixtures().bot(pool, null, "ru").entitled(pool, 300, 300);
        bot.document(pool, "Адрес", "Мы находимся на улице Навои, 5.");
        JsonNode reply = bot.replyTo(bot.customerSays("17", "Где вы находитесь?"));
        assertEquals("LIMIT", reply.get("kind").asText());
        assertTrue(reply.get("text").asText().startsWith("Извините"));
        assertTrue(gemini.requests().isEmpty());
    }

    @Test
    void noSubscriptionAtAllIsTreatedAsNoAllowance() {
        AiFixtures bot = new AiFixtures().bot(pool, null, "en");
        JsonNode reply = bot.replyTo(bot.customerSays("18", "Hello, are you open?"));
        assertEquals("LIMIT", reply.get("kind").asText());
    }

    @Test
    void aMessageArrivingJustBeforeTheEntitlementWaitsForItInsteadOfTheLimitReply() throws Exception {
        // A trial started a moment ago: the customer's message overtakes billing.entitlements.
        AiFixtures bot = new AiFixtures().bot(pool, null, "en");
        bot.document(pool, "Hours", "We are open every day from 9:00 to 21:00.");
        String messageId = bot.customerSays("19", "When are you open?");
        Thread.sleep(1_000);
        bot.entitled(pool, 300, 0);
        JsonNode reply = bot.replyTo(messageId);
        assertEquals("ANSWER", reply.get("kind").asText());
    }

    @Test
    void theSameInboundMessageIsAnsweredOnce() {
        AiFixtures bot = new AiFixtures().bot(pool, null, "en").entitled(pool, 100, 0);
        bot.document(pool, "Address", "We are at 12 Amir Temur street, Tashkent.");
        String messageId = "tg:" + bot.botId + ":42";
        bot.customerSays(messageId, "19", "What is your address?");
        bot.customerSays(messageId, "19", "What is your address?");
        List<JsonNode> replies = bot.repliesTo(messageId, 5, Duration.ofSeconds(8));
        assertEquals(1, replies.size());
        assertEquals("out:" + messageId, replies.get(0).get("messageId").asText());
        assertEquals(1, gemini.requests().size());
    }

    @Test
    void ownerAsksThroughTheTestChatAndOthersGet404() {
        AiFixtures bot = new AiFixtures().bot(pool, null, "en").entitled(pool, 100, 0);
        UUID doc = bot.document(pool, "Hours", "We are open every day from 9:00 to 23:00.");
        gemini.answerWith(r -> Reply.text("Every day from 9:00 to 23:00."));
        bot.api().body(Map.of("text", "When are you open?")).post("/api/bots/" + bot.botId + "/ask")
                .then().statusCode(200)
                .body("kind", equalTo("ANSWER"))
                .body("text", equalTo("Every day from 9:00 to 23:00."))
                .body("sources[0].docId", equalTo(doc.toString()))
                .body("sources[0].title", equalTo("Hours"));
        new AiFixtures().api().body(Map.of("text", "When are you open?")).post("/api/bots/" + bot.botId + "/ask")
                .then().statusCode(404).contentType("application/problem+json");
        given().contentType("application/json").body(Map.of("text", "x")).post("/api/bots/" + bot.botId + "/ask")
                .then().statusCode(401);
        bot.api().body(Map.of("text", "")).post("/api/bots/" + bot.botId + "/ask").then().statusCode(400);
    }

    private GeminiStandIn.Request last() {
        List<GeminiStandIn.Request> requests = gemini.requests();
        assertFalse(requests.isEmpty(), "Gemini was called");
        return requests.get(requests.size() - 1);
    }

    private static String systemInstruction(GeminiStandIn.Request request) throws Exception {
        return JSON.readTree(request.body()).get("systemInstruction").get("parts").get(0).get("text").asText();
    }
}

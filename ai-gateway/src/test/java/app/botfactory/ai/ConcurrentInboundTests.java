// chat.inbound answered concurrently across chats: with a stand-in Gemini that takes 300 ms per
// reply, many chats' messages are in flight at once, each chat's messages still reach the model one
// after another with the earlier turns in memory, and every message gets exactly one reply. With a
// stand-in that holds every answer, a crowd of chats is at the model at once, far more than the old
// limit of 32: nothing on the way (lanes, database pool, the Gemini client's connection pool) caps it.
package app.botfactory.ai;

import app.botfactory.testsupport.GeminiStandIn;
import app.botfactory.testsupport.GeminiStandIn.Reply;
import app.botfactory.testsupport.TestKafkaClient;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.inject.Inject;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

@QuarkusTest
@WithTestResource(GeminiTestResource.class)
class ConcurrentInboundTests {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final List<String> CHATS = List.of("alpha", "bravo", "charlie", "delta", "echo",
            "foxtrot", "golf", "hotel", "india", "juliet", "kilo", "lima");
    private static final int PER_CHAT = 3;
    /** Distinct chats writing at the same moment; all must be at the model together. */
    private static final int CROWD = 150;

    @Inject
    Pool pool;

    private final GeminiStandIn gemini = GeminiTestResource.gemini();

    @AfterEach
    void resetGemini() {
        gemini.reset();
    }

    @Test
    void differentChatsAreAnsweredConcurrentlyAndEachChatInOrder() throws Exception {
        AiFixtures bot = new AiFixtures().bot(pool, null, "en").entitled(pool, 1000, 0);
        bot.document(pool, "Opening hours", "We are open every day from 9:00 to 23:00. Our regulars: "
                + String.join(", ", CHATS) + ".");
        AtomicInteger inFlight = new AtomicInteger();
        AtomicInteger maxInFlight = new AtomicInteger();
        gemini.answerWith(request -> {
            maxInFlight.accumulateAndGet(inFlight.incrementAndGet(), Math::max);
            try {
                Thread.sleep(300);
                return Reply.text("reply to " + lastUserText(request));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return Reply.unavailable();
            } finally {
                inFlight.decrementAndGet();
            }
        });

        Map<String, String> questions = new LinkedHashMap<>();
        for (int k = 1; k <= PER_CHAT; k++) {
            for (String chat : CHATS) {
                String text = "When are you open, " + chat + "? " + k;
                questions.put(bot.customerSays(chat, text), text);
            }
        }

        eachAnsweredOnceWithItsOwnReply(bot, questions);

        assertTrue(maxInFlight.get() > 1,
                "chats were answered concurrently: max in flight " + maxInFlight.get());
        for (String chat : CHATS) {
            List<Integer> historySizes = new ArrayList<>();
            for (GeminiStandIn.Request r : gemini.requests()) {
                if (lastUserText(r).contains(chat + "?")) {
                    historySizes.add(JSON.readTree(r.body()).get("contents").size());
                }
            }
            assertEquals(List.of(1, 3, 5), historySizes,
                    "chat " + chat + " reached the model in order, each turn after the previous answer");
        }
    }

    @Test
    void aCrowdOfChatsIsAtTheModelAtOnceFarBeyondTheOldLimitOf32() throws Exception {
        AiFixtures bot = new AiFixtures().bot(pool, null, "en").entitled(pool, 1000, 0);
        bot.document(pool, "Opening hours", "We are open every day from 9:00 to 23:00 for every customer.");
        gemini.answerWith(request -> Reply.text("reply to " + lastUserText(request)));
        gemini.hold();

        Map<String, String> textByChat = new LinkedHashMap<>();
        for (int i = 1; i <= CROWD; i++) {
            textByChat.put("crowd-" + i, "When are you open? I am customer " + i);
        }
        Map<String, String> questions = bot.customersSay(textByChat);

        // Held answers keep every call open, so the stand-in counts what the gateway has in flight.
        await().atMost(Duration.ofSeconds(20)).until(gemini::inFlight, greaterThanOrEqualTo(CROWD));
        int atOnce = gemini.inFlight();
        gemini.release();

        assertTrue(atOnce >= 100, "the model saw " + atOnce + " calls at once, far more than 32");
        eachAnsweredOnceWithItsOwnReply(bot, questions);
    }

    /**
     * Every question (messageId -> text) got exactly one chat.outbound reply, the model's answer to
     * that very question: no fallback (a call that timed out or was refused would be one).
     */
    private static void eachAnsweredOnceWithItsOwnReply(AiFixtures bot, Map<String, String> questions)
            throws Exception {
        String botId = bot.botId.toString();
        TestKafkaClient.await(AiFixtures.kafka(), "chat.outbound", r -> r.value().contains(botId),
                questions.size(), Duration.ofSeconds(90));
        List<ConsumerRecord<String, String>> replies = TestKafkaClient.collect(AiFixtures.kafka(),
                "chat.outbound", r -> r.value().contains(botId), Duration.ofSeconds(3));

        Map<String, Integer> repliesPerMessage = new HashMap<>();
        for (ConsumerRecord<String, String> record : replies) {
            JsonNode reply = JSON.readTree(record.value());
            String inReplyTo = reply.get("inReplyTo").asText();
            repliesPerMessage.merge(inReplyTo, 1, Integer::sum);
            assertEquals("ANSWER", reply.get("kind").asText());
            assertEquals("reply to " + questions.get(inReplyTo), reply.get("text").asText(),
                    "its own answer");
        }
        assertEquals(questions.size(), repliesPerMessage.size(), "every message answered");
        assertTrue(repliesPerMessage.values().stream().allMatch(n -> n == 1), "exactly one reply each");
    }

    private static String lastUserText(GeminiStandIn.Request request) {
        try {
            JsonNode contents = JSON.readTree(request.body()).get("contents");
            return contents.get(contents.size() - 1).get("parts").get(0).get("text").asText();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}

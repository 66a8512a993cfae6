// Replies from chat.outbound reach the stand-in Telegram exactly once, within Telegram's rules:
// plain text, split at 4,096 characters in order, 429 retry_after honoured, 5xx retried,
// permanent refusals dead-lettered with the reason.
package app.botfactory.telegram;

import app.botfactory.telegram.config.TelegramConfig;
import app.botfactory.testsupport.TelegramStandIn;
import app.botfactory.testsupport.TelegramStandIn.Reply;
import app.botfactory.testsupport.TestKafkaClient;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.inject.Inject;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

@QuarkusTest
@WithTestResource(TelegramTestResource.class)
class DeliveryTests {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Inject
    Pool pool;

    @Inject
    TelegramConfig config;

    private final TelegramStandIn telegram = TelegramTestResource.telegram();

    @Test
    void outboundRecordBecomesOnePlainTextSendMessage() throws Exception {
        TelegramFixtures bot = new TelegramFixtures().connected(pool, telegram);
        String messageId = UUID.randomUUID().toString();
        publish(bot, messageId, "1001", "Choy 5 000 so‘m. *Not bold* <b>not html</b>", "ANSWER");
        publish(bot, messageId, "1001", "Choy 5 000 so‘m. *Not bold* <b>not html</b>", "ANSWER");
        List<TelegramStandIn.Call> sent = awaitSends(bot, 1);
        Thread.sleep(1500); // a second send would have happened by now
        assertEquals(1, sends(bot).size(), "a redelivered record is sent once");
        JsonNode body = JSON.readTree(sent.get(0).body());
        assertEquals("1001", body.get("chat_id").asText());
        assertEquals("Choy 5 000 so‘m. *Not bold* <b>not html</b>", body.get("text").asText());
        assertFalse(body.has("parse_mode"), "plain text, no parse_mode surprises");
    }

    @Test
    void longAnswerIsSplitIntoOrderedParts() throws Exception {
        TelegramFixtures bot = new TelegramFixtures().connected(pool, telegram);
        StringBuilder text = new StringBuilder();
        int sentence = 0;
        while (text.length() < 10_000) {
            text.append("Gap ").append(++sentence).append(": narxlar va yetkazib berish haqida ma'lumot. ");
        }
        String answer = text.toString().strip();
        publish(bot, UUID.randomUUID().toString(), "1002", answer, "ANSWER");
        List<TelegramStandIn.Call> sent = awaitSends(bot, 3);
        StringBuilder joined = new StringBuilder();
        for (TelegramStandIn.Call call : sent) {
            String part = JSON.readTree(call.body()).get("text").asText();
            assertTrue(part.length() <= 4096, "part of " + part.length() + " characters");
            joined.append(part).append(' ');
        }
        assertEquals(3, sent.size());
        assertEquals(answer.replace(" ", ""), joined.toString().replace(" ", ""), "nothing lost, in order");
    }

    @Test
    void rateLimitedSendWaitsForRetryAfterThenDelivers() {
        TelegramFixtures bot = new TelegramFixtures().connected(pool, telegram);
        telegram.script("sendMessage", Reply.tooManyRequests(2));
        publish(bot, UUID.randomUUID().toString(), "1003", "Ish vaqti: 9:00–18:00", "ANSWER");
        List<TelegramStandIn.Call> calls = awaitSends(bot, 2);
        long waitedMillis = (calls.get(1).atNanos() - calls.get(0).atNanos()) / 1_000_000;
        assertTrue(waitedMillis >= 1900, "waited " + waitedMillis + " ms for retry_after=2");
    }

    @Test
    void serverErrorsAreRetriedUntilDelivered() {
        TelegramFixtures bot = new TelegramFixtures().connected(pool, telegram);
        telegram.script("sendMessage", Reply.serverError(), Reply.serverError());
        publish(bot, UUID.randomUUID().toString(), "1004", "Manzil: Toshkent, Chilonzor", "ANSWER");
        awaitSends(bot, 3);
        await().atMost(Duration.ofSeconds(10)).until(() -> TelegramFixtures.count(pool,
                "SELECT count(*) FROM telegram.deliveries WHERE bot_id = $1 AND status = 'SENT'", bot.botId) == 1);
    }

    @Test
    void blockedByTheUserGoesToTheDeadLetterTopicWithTheReason() {
        TelegramFixtures bot = new TelegramFixtures().connected(pool, telegram);
        telegram.script("sendMessage", Reply.blockedByUser());
        String messageId = UUID.randomUUID().toString();
        publish(bot, messageId, "1005", "Salom", "ANSWER");
        List<ConsumerRecord<String, String>> dead = TestKafkaClient.await(TelegramFixtures.kafka(),
                "chat.outbound.dlq", r -> r.value().contains(messageId), 1, Duration.ofSeconds(20));
        assertEquals(1, dead.size());
        assertEquals("Forbidden: bot was blocked by the user",
                new String(dead.get(0).headers().lastHeader("reason").value(), StandardCharsets.UTF_8));
        assertEquals(1, sends(bot).size(), "a permanent refusal is not retried");
    }

    @Test
    void repliesToOneChatKeepTheirOrder() throws Exception {
        TelegramFixtures bot = new TelegramFixtures().connected(pool, telegram);
        for (int i = 1; i <= 4; i++) {
            publish(bot, UUID.randomUUID().toString(), "1006", "Javob " + i, "ANSWER");
        }
        List<TelegramStandIn.Call> sent = awaitSends(bot, 4);
        for (int i = 0; i < 4; i++) {
            assertEquals("Javob " + (i + 1), JSON.readTree(sent.get(i).body()).get("text").asText());
        }
    }

    @Test
    void repliesQueuedTogetherForOneChatFollowEachOtherWithoutThePoll() throws Exception {
        // One Kafka batch, so all three are queued in one statement and announced together: only the
        // first may be claimed, and each next one is claimed because the one before it left the queue.
        TelegramFixtures bot = new TelegramFixtures().connected(pool, telegram);
        TestKafkaClient.sendAll(TelegramFixtures.kafka(), "chat.outbound", List.of(
                Map.entry(bot.botId + ":1010", outbound(bot, UUID.randomUUID().toString(), "1010", "Birinchi", "ANSWER")),
                Map.entry(bot.botId + ":1010", outbound(bot, UUID.randomUUID().toString(), "1010", "Ikkinchi", "ANSWER")),
                Map.entry(bot.botId + ":1010", outbound(bot, UUID.randomUUID().toString(), "1010", "Uchinchi", "ANSWER"))));
        List<String> texts = new ArrayList<>();
        for (TelegramStandIn.Call call : awaitSends(bot, 3)) {
            texts.add(JSON.readTree(call.body()).get("text").asText());
        }
        assertEquals(List.of("Birinchi", "Ikkinchi", "Uchinchi"), texts);
    }

    @Test
    void aReplyIsSentBecauseItsEnqueueWokeTheDispatcherNotBecauseOfThePoll() {
        // The tests poll only once an hour, so every send here comes from a wake-up.
        assertEquals(Duration.ofHours(1), config.dispatchPollInterval());
        TelegramFixtures bot = new TelegramFixtures().connected(pool, telegram);
        publish(bot, UUID.randomUUID().toString(), "1007", "Buyurtmangiz qabul qilindi", "ANSWER");
        assertEquals(1, awaitSends(bot, 1).size());
    }

    @Test
    void aBatchWithTheSameReplyTwiceAndAJunkRecordSendsItOnceAndParksTheJunk() throws Exception {
        TelegramFixtures bot = new TelegramFixtures().connected(pool, telegram);
        String messageId = UUID.randomUUID().toString();
        String junk = "{\"messageId\":\"junk-" + UUID.randomUUID() + "\",\"text\":\"no bot, no chat\"}";
        String reply = outbound(bot, messageId, "1008", "Rahmat!", "ANSWER");
        TestKafkaClient.sendAll(TelegramFixtures.kafka(), "chat.outbound", List.of(
                Map.entry(bot.botId + ":1008", reply), Map.entry(bot.botId + ":1008", junk),
                Map.entry(bot.botId + ":1008", reply)));

        List<ConsumerRecord<String, String>> dead = TestKafkaClient.await(TelegramFixtures.kafka(),
                "chat.outbound.dlq", r -> junk.equals(r.value()), 1, Duration.ofSeconds(20));
        assertEquals(1, dead.size());
        assertEquals("chat.outbound record without messageId, botId, channel or chatId",
                new String(dead.get(0).headers().lastHeader("reason").value(), StandardCharsets.UTF_8));
        awaitSends(bot, 1);
        Thread.sleep(1500); // a second send would have happened by now
        assertEquals(1, sends(bot).size(), "the same messageId twice in one batch is sent once");
        assertEquals(1, TelegramFixtures.count(pool,
                "SELECT count(*) FROM telegram.deliveries WHERE bot_id = $1", bot.botId));
    }

    @Test
    void aReplyTheDatabaseRefusesIsDeadLetteredAndTheRestOfItsBatchIsDelivered() throws Exception {
        TelegramFixtures bot = new TelegramFixtures().connected(pool, telegram);
        String refusedId = UUID.randomUUID().toString();
        String refused = outbound(bot, refusedId, "9".repeat(80), "Juda uzun chat", "ANSWER");
        TestKafkaClient.sendAll(TelegramFixtures.kafka(), "chat.outbound", List.of(
                Map.entry(bot.botId + ":long", refused),
                Map.entry(bot.botId + ":1009", outbound(bot, UUID.randomUUID().toString(), "1009", "Salom", "ANSWER"))));

        List<ConsumerRecord<String, String>> dead = TestKafkaClient.await(TelegramFixtures.kafka(),
                "chat.outbound.dlq", r -> r.value().contains(refusedId), 1, Duration.ofSeconds(20));
        assertEquals(1, dead.size());
        assertEquals("refused-by-database",
                new String(dead.get(0).headers().lastHeader("dlq-code").value(), StandardCharsets.UTF_8));
        assertEquals("1009", JSON.readTree(awaitSends(bot, 1).get(0).body()).get("chat_id").asText());
    }

    @Test
    void aReplyTelegramIsSlowToTakeHoldsUpOnlyItsOwnChat() throws Exception {
        // Telegram sometimes takes seconds for one sendMessage. Here it answers chat 1020 only when
        // released; meanwhile another chat's two replies (the second waits for the first to be
        // recorded as sent) must go out, and the slow one is recorded once it is answered.
        TelegramFixtures bot = new TelegramFixtures().connected(pool, telegram);
        String slowId = UUID.randomUUID().toString();
        telegram.holdWhile(c -> c.token().equals(bot.telegramToken) && c.body().contains("\"chat_id\":\"1020\""));
        try {
            publish(bot, slowId, "1020", "Sekin javob", "ANSWER");
            await().atMost(Duration.ofSeconds(20)).until(() -> telegram.heldCalls() == 1);
            publish(bot, UUID.randomUUID().toString(), "1021", "Birinchi", "ANSWER");
            publish(bot, UUID.randomUUID().toString(), "1021", "Ikkinchi", "ANSWER");
            // Well inside the client's 15 s timeout, after which the slow send would count as failed anyway.
            await().atMost(Duration.ofSeconds(5)).until(() -> toChat(bot, "1021").size() == 2);
            assertEquals(List.of("Birinchi", "Ikkinchi"), toChat(bot, "1021"));
            assertEquals(1, telegram.heldCalls(), "the slow reply is still waiting for Telegram");
        } finally {
            telegram.release();
        }
        await().atMost(Duration.ofSeconds(20)).until(() -> TelegramFixtures.count(pool,
                "SELECT count(*) FROM telegram.deliveries WHERE message_id = $1 AND status = 'SENT'", slowId) == 1);
        Thread.sleep(1500); // a second send would have happened by now
        assertEquals(1, toChat(bot, "1020").size(), "the slow reply was sent once");
    }

    @Test
    void aSentReplyWhoseOutcomeCannotBeWrittenYetIsWrittenLaterAndNotSentAgain() throws Exception {
        // The database refuses to record chat 1030's reply as sent until the test lifts the refusal. The
        // dispatcher must keep the outcome and write it again, not let the lease run out and send twice.
        TelegramFixtures bot = new TelegramFixtures().connected(pool, telegram);
        String messageId = UUID.randomUUID().toString();
        sql("""
                CREATE OR REPLACE FUNCTION telegram.refuse_sent_1030() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN
                    IF NEW.chat_id = '1030' AND NEW.status = 'SENT' THEN
                        RAISE EXCEPTION 'refused by the test';
                    END IF;
                    RETURN NEW;
                END $$""");
        sql("CREATE TRIGGER refuse_sent_1030 BEFORE UPDATE ON telegram.deliveries FOR EACH ROW"
                + " EXECUTE FUNCTION telegram.refuse_sent_1030()");
        try {
            publish(bot, messageId, "1030", "Rahmat, buyurtmangiz qabul qilindi", "ANSWER");
            awaitSends(bot, 1);
            Thread.sleep(2_500); // the write has failed a few times by now (it is retried every second)
            assertEquals(0, sent(messageId), "not recorded while the database refuses");
        } finally {
            sql("DROP TRIGGER IF EXISTS refuse_sent_1030 ON telegram.deliveries");
            sql("DROP FUNCTION IF EXISTS telegram.refuse_sent_1030()");
        }
        await().atMost(Duration.ofSeconds(10)).until(() -> sent(messageId) == 1);
        assertEquals(1, sends(bot).size(), "sent once: the outcome was kept, not lost with the failed write");
    }

    private long sent(String messageId) {
        return TelegramFixtures.count(pool,
                "SELECT count(*) FROM telegram.deliveries WHERE message_id = $1 AND status = 'SENT'", messageId);
    }

    private void sql(String statement) {
        pool.query(statement).execute().await().atMost(Duration.ofSeconds(10));
    }

    private static void publish(TelegramFixtures bot, String messageId, String chatId, String text, String kind) {
        TestKafkaClient.send(TelegramFixtures.kafka(), "chat.outbound", bot.botId + ":" + chatId,
                outbound(bot, messageId, chatId, text, kind));
    }

    private static String outbound(TelegramFixtures bot, String messageId, String chatId, String text, String kind) {
        try {
            return JSON.writeValueAsString(Map.of("messageId", messageId, "inReplyTo", "tg:" + bot.botId + ":1",
                    "botId", bot.botId.toString(), "ownerId", bot.ownerId.toString(), "channel", "telegram",
                    "chatId", chatId, "text", text, "kind", kind, "sources", List.of(),
                    "createdAt", "2026-12-01T10:00:00Z"));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private List<TelegramStandIn.Call> sends(TelegramFixtures bot) {
        return telegram.calls("sendMessage", c -> c.token().equals(bot.telegramToken));
    }

    private List<String> toChat(TelegramFixtures bot, String chatId) throws Exception {
        List<String> texts = new ArrayList<>();
        for (TelegramStandIn.Call call : sends(bot)) {
            JsonNode body = JSON.readTree(call.body());
            if (chatId.equals(body.get("chat_id").asText())) {
                texts.add(body.get("text").asText());
            }
        }
        return texts;
    }

    private List<TelegramStandIn.Call> awaitSends(TelegramFixtures bot, int count) {
        await().atMost(Duration.ofSeconds(30)).until(() -> sends(bot).size() >= count);
        return sends(bot);
    }
}

// Answers are recorded in batches (ReplyRecorder, ReplyJournal) against the real Postgres and Kafka:
// answers recorded together each get exactly one reply, a messageId repeated inside a batch or
// across batches is answered once (also after its bot was deleted: no dead letter), and a chat's
// memory stays bounded while its last turns are read.
package app.botfactory.ai;

import app.botfactory.ai.domain.BotCopy;
import app.botfactory.ai.repository.ConversationRepository;
import app.botfactory.ai.repository.ConversationRepository.Memory;
import app.botfactory.ai.repository.ReplyJournal;
import app.botfactory.ai.service.AnswerService.Answer;
import app.botfactory.ai.service.ReplyRecorder;
import app.botfactory.testsupport.PlatformTestResource;
import app.botfactory.testsupport.TestKafkaClient;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.inject.Inject;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

@QuarkusTest
@WithTestResource(PlatformTestResource.class)
class BatchedRecordingTests {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration WAIT = Duration.ofSeconds(20);

    @Inject
    Pool pool;

    @Inject
    ReplyJournal journal;

    @Inject
    ReplyRecorder recorder;

    @Inject
    ConversationRepository conversations;

    @Test
    void aBatchWithADuplicateClaimsOnceAndARedeliveredBatchChangesNothing() {
        UUID botId = UUID.randomUUID();
        ReplyJournal.Entry a = entry(botId, "chat-a", "a");
        ReplyJournal.Entry b = entry(botId, "chat-b", "b");
        ReplyJournal.Entry aAgain = entry(botId, "chat-a", "a");

        assertEquals(List.of(true, true, false), journal.write(List.of(a, b, aAgain)).await().atMost(WAIT));
        assertEquals(List.of(false, false), journal.write(List.of(b, a)).await().atMost(WAIT));

        assertEquals(1, count("SELECT count(*) FROM ai.answered WHERE message_id = $1", a.messageId()));
        String turnsOfChat = "SELECT count(*) FROM ai.turns WHERE bot_id = $1 AND chat_key = ";
        assertEquals(2, count(turnsOfChat + "'telegram:chat-a'", botId));
        assertEquals(2, count(turnsOfChat + "'telegram:chat-b'", botId));
        Memory memory = conversations.memory(botId, "telegram:chat-a", 10, a.messageId())
                .await().atMost(WAIT);
        assertTrue(memory.answered());
        assertEquals(List.of(new ConversationRepository.Turn("user", "question a"),
                new ConversationRepository.Turn("model", "answer a")), memory.turns());
    }

    @Test
    void answersRecordedTogetherEachGetExactlyOneReply() throws Exception {
        BotCopy bot = bot();
        List<String> messageIds = new ArrayList<>();
        List<Uni<Boolean>> recorded = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            String messageId = "tg:" + bot.botId + ":" + i;
            messageIds.add(messageId);
            recorded.add(record(bot, messageId, "chat-" + i, i));
            if (i % 3 == 0) {
                recorded.add(record(bot, messageId, "chat-" + i, i));
            }
        }
        // All submitted at once: the first goes alone, the rest queue up and share the next batch.
        List<Boolean> claims = Uni.join().all(recorded).andCollectFailures().await().atMost(WAIT);
        assertEquals(12, claims.stream().filter(c -> c).count(), "one claim per messageId");

        Map<String, Integer> replies = replies(bot.botId, messageIds.size());
        assertEquals(messageIds.size(), replies.size(), "every message has a reply");
        assertTrue(replies.values().stream().allMatch(n -> n == 1), "exactly one reply each: " + replies);
        for (String messageId : messageIds) {
            assertEquals(1, count("SELECT count(*) FROM ai.answered WHERE message_id = $1", messageId));
        }
        assertEquals(24, turns(bot), "two turns each");
    }

    @Test
    void everyInboundMessageDeliveredTwiceIsAnsweredOnce() throws Exception {
        AiFixtures bot = new AiFixtures().bot(pool, null, "en").entitled(pool, 1000, 0);
        bot.document(pool, "Hours", "We are open every day from 9:00 to 23:00.");
        List<String> messageIds = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            String messageId = "tg:" + bot.botId + ":" + i;
            messageIds.add(messageId);
            bot.customerSays(messageId, "chat-" + i, "When are you open?");
        }
        for (String messageId : messageIds) {
            bot.customerSays(messageId, "chat-" + messageId.substring(messageId.lastIndexOf(':') + 1),
                    "When are you open?");
        }
        Map<String, Integer> replies = replies(bot.botId, messageIds.size());
        assertEquals(messageIds.size(), replies.size(), "every message has a reply");
        assertTrue(replies.values().stream().allMatch(n -> n == 1), "exactly one reply each: " + replies);
    }

    @Test
    void aMessageRedeliveredAfterItsBotWasDeletedIsNotDeadLettered() {
        AiFixtures bot = new AiFixtures().bot(pool, null, "en").entitled(pool, 100, 0);
        bot.document(pool, "Hours", "We are open every day from 9:00 to 23:00.");
        String answered = bot.customerSays("gone", "When are you open?");
        bot.replyTo(answered);
        TestKafkaClient.send(AiFixtures.kafka(), "bot.events", bot.botId.toString(), "{\"type\":\"BotDeleted\","
                + "\"botId\":\"" + bot.botId + "\",\"ownerId\":\"" + bot.ownerId + "\"}");
        await().atMost(WAIT).until(() -> count("SELECT count(*) FROM ai.bots WHERE bot_id = $1", bot.botId) == 0);

        bot.customerSays(answered, "gone", "When are you open?");
        String unanswerable = bot.customerSays("gone", "Are you still there?");
        // Same chat, so answered one after the other: once the second is dead-lettered, the first is done.
        TestKafkaClient.await(AiFixtures.kafka(), "chat.inbound.dlq", r -> r.value().contains(unanswerable), 1,
                Duration.ofSeconds(90));
        assertTrue(TestKafkaClient.collect(AiFixtures.kafka(), "chat.inbound.dlq",
                r -> r.value().contains(answered), Duration.ofSeconds(2)).isEmpty(), "the redelivery was dropped");
        assertEquals(1, bot.repliesTo(answered, 5, Duration.ofSeconds(2)).size());
    }

    @Test
    void aChatsMemoryStaysBoundedAndItsLastTurnsAreRead() {
        BotCopy bot = bot();
        String chatKey = "telegram:chatty";
        long most = 0;
        for (int i = 1; i <= 30; i++) {
            record(bot, "tg:" + bot.botId + ":" + i, "chatty", i).await().atMost(WAIT);
            most = Math.max(most, turns(bot));
        }
        assertTrue(most <= ConversationRepository.KEEP + ReplyRecorder.TRIM_MARGIN,
                "never more than KEEP + TRIM_MARGIN turns: " + most);
        assertTrue(turns(bot) >= ConversationRepository.KEEP, "a trim keeps the newest KEEP turns");

        Memory memory = conversations.memory(bot.botId, chatKey, 4, "not-answered").await().atMost(WAIT);
        assertEquals(false, memory.answered());
        assertEquals(List.of(new ConversationRepository.Turn("user", "question 29"),
                new ConversationRepository.Turn("model", "answer 29"),
                new ConversationRepository.Turn("user", "question 30"),
                new ConversationRepository.Turn("model", "answer 30")), memory.turns());
    }

    private Uni<Boolean> record(BotCopy bot, String messageId, String chatId, int i) {
        return recorder.record(bot, messageId, "telegram", chatId, "telegram:" + chatId, "question " + i,
                new Answer("ANSWER", "answer " + i, List.of()));
    }

    private static ReplyJournal.Entry entry(UUID botId, String chatId, String name) {
        return new ReplyJournal.Entry("tg:" + botId + ":" + name, "out:tg:" + botId + ":" + name, "ANSWER",
                Instant.now(), botId, "telegram:" + chatId, "question " + name, "answer " + name,
                UUID.randomUUID(), "chat.outbound", botId + ":" + chatId,
                "{\"inReplyTo\":\"tg:" + botId + ":" + name + "\"}");
    }

    private static BotCopy bot() {
        BotCopy bot = new BotCopy();
        bot.botId = UUID.randomUUID();
        bot.ownerId = UUID.randomUUID();
        bot.name = "Choyxona";
        bot.language = "en";
        bot.fallbackMessage = "Sorry.";
        bot.status = "ACTIVE";
        bot.updatedAt = Instant.now();
        return bot;
    }

    /** chat.outbound replies of the bot per inReplyTo, once `expected` have arrived and a little after. */
    private static Map<String, Integer> replies(UUID botId, int expected) throws Exception {
        String id = botId.toString();
        TestKafkaClient.await(AiFixtures.kafka(), "chat.outbound", r -> r.value().contains(id), expected,
                Duration.ofSeconds(60));
        List<ConsumerRecord<String, String>> records = TestKafkaClient.collect(AiFixtures.kafka(),
                "chat.outbound", r -> r.value().contains(id), Duration.ofSeconds(3));
        Map<String, Integer> perMessage = new HashMap<>();
        for (ConsumerRecord<String, String> record : records) {
            perMessage.merge(JSON.readTree(record.value()).get("inReplyTo").asText(), 1, Integer::sum);
        }
        return perMessage;
    }

    private long turns(BotCopy bot) {
        return count("SELECT count(*) FROM ai.turns WHERE bot_id = $1", bot.botId);
    }

    private long count(String sql, Object param) {
        return AiFixtures.count(pool, sql, param);
    }
}

// Usage metering from chat.outbound on the real broker: each messageId counts once however often
// it is delivered, only answers count, crossing the limit publishes an entitlement, and bots
// reported on bot.events show up in usage.
package app.botfactory.billing;

import app.botfactory.testsupport.PlatformTestResource;
import app.botfactory.testsupport.TestKafkaClient;
import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

@QuarkusTest
@WithTestResource(PlatformTestResource.class)
class MeteringTests {

    @Test
    void redeliveredRecordsCountOnce() {
        Accounts account = new Accounts();
        account.startTrial();
        String once = account.outbound("msg-" + UUID.randomUUID(), "ANSWER");
        String other = account.outbound("msg-" + UUID.randomUUID(), "FALLBACK");
        TestKafkaClient.sendAll(Accounts.kafka(), "chat.outbound",
                List.of(Map.entry("k", once), Map.entry("k", once), Map.entry("k", other), Map.entry("k", once)));
        awaitMessages(account, 2);
        TestKafkaClient.send(Accounts.kafka(), "chat.outbound", "k", once);
        TestKafkaClient.send(Accounts.kafka(), "chat.outbound", "k", account.outbound("msg-" + UUID.randomUUID(),
                "ANSWER"));
        awaitMessages(account, 3);
    }

    @Test
    void limitAndWelcomeRepliesAreNotCounted() {
        Accounts account = new Accounts();
        account.startTrial();
        TestKafkaClient.sendAll(Accounts.kafka(), "chat.outbound", List.of(
                Map.entry("k", account.outbound(UUID.randomUUID().toString(), "LIMIT")),
                Map.entry("k", account.outbound(UUID.randomUUID().toString(), "WELCOME")),
                Map.entry("k", account.outbound(UUID.randomUUID().toString(), "ANSWER"))));
        awaitMessages(account, 1);
    }

    @Test
    void usingUpTheAllowancePublishesAnEntitlement() {
        Accounts account = new Accounts();
        account.startTrial();
        List<Map.Entry<String, String>> records = new ArrayList<>();
        for (int i = 0; i < 301; i++) {
            records.add(Map.entry("k", account.outbound("m-" + i + "-" + account.id, "ANSWER")));
        }
        TestKafkaClient.sendAll(Accounts.kafka(), "chat.outbound", records);
        awaitMessages(account, 301);
        List<JsonNode> events = account.entitlements(2);
        assertEquals(2, events.size(), "trial start, then the crossing");
        assertEquals(300, events.get(1).get("messagesUsed").asInt());
        assertEquals(300, events.get(1).get("monthlyMessageLimit").asInt());
    }

    @Test
    void botsFromBotEventsAppearInUsage() {
        Accounts account = new Accounts();
        account.startTrial();
        UUID a = UUID.randomUUID();
        UUID b = UUID.randomUUID();
        TestKafkaClient.sendAll(Accounts.kafka(), "bot.events", List.of(
                Map.entry(a.toString(), botEvent("BotUpserted", a, account.id)),
                Map.entry(a.toString(), botEvent("BotUpserted", a, account.id)),
                Map.entry(b.toString(), botEvent("BotUpserted", b, account.id)),
                Map.entry(b.toString(), botEvent("BotDeleted", b, account.id))));
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() ->
                account.api().get("/api/subscriptions/me").then().body("usage.bots", equalTo(1)));
    }

    @Test
    void unreadableRecordGoesToTheDeadLetterTopicAndMeteringContinues() {
        Accounts account = new Accounts();
        account.startTrial();
        String junk = "{not json at all " + account.id;
        TestKafkaClient.send(Accounts.kafka(), "chat.outbound", "k", junk);
        TestKafkaClient.send(Accounts.kafka(), "chat.outbound", "k", account.outbound(UUID.randomUUID().toString(),
                "ANSWER"));
        awaitMessages(account, 1);
        assertFalse(TestKafkaClient.await(Accounts.kafka(), "chat.outbound.dlq", r -> junk.equals(r.value()), 1,
                Duration.ofSeconds(20)).isEmpty(), "the junk record is parked on chat.outbound.dlq");
    }

    private static String botEvent(String type, UUID bot, UUID owner) {
        return "{\"type\":\"" + type + "\",\"eventId\":\"" + UUID.randomUUID() + "\",\"botId\":\"" + bot
                + "\",\"ownerId\":\"" + owner + "\",\"occurredAt\":\"2026-12-01T10:00:00Z\"}";
    }

    private static void awaitMessages(Accounts account, int expected) {
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                account.api().get("/api/subscriptions/me").then().body("usage.messages", equalTo(expected)));
    }
}

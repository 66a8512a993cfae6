// Batch metering: UsageMeter is driven directly with exact batch boundaries (duplicates, redelivered
// and failed batches, the limit crossed inside a batch, kinds that cost nothing, owners without a
// subscription), and chat.outbound on the real broker for junk in the middle of a batch.
package app.botfactory.billing;

import app.botfactory.billing.repository.BatchOutbox;
import app.botfactory.billing.service.UsageMeter;
import app.botfactory.billing.service.UsageMeter.Outcome;
import app.botfactory.billing.service.UsageMeter.Reply;
import app.botfactory.testsupport.PlatformTestResource;
import app.botfactory.testsupport.TestKafkaClient;
import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

@QuarkusTest
@WithTestResource(PlatformTestResource.class)
class BatchMeteringTests {

    @Inject
    UsageMeter meter;

    @Inject
    BatchOutbox outbox;

    @Test
    void duplicatesAndRedeliveriesInABatchCountEachMessageIdOnce() {
        Accounts account = new Accounts();
        account.startTrial();
        Reply a = answer(account);
        Reply b = answer(account);
        Reply c = new Reply("msg-" + UUID.randomUUID(), account.id, "FALLBACK");
        assertEquals(3, meter(List.of(a, b, a, c, a)).counted());
        assertMessages(account, 3);

        Reply d = answer(account);
        assertEquals(1, meter(List.of(c, a, d, b, d)).counted(), "only d is new");
        assertEquals(0, meter(List.of(a, b, a, c, a)).counted(), "the first batch redelivered");
        assertMessages(account, 4);
    }

    @Test
    void aFailedBatchCountsNothingAndCountsOnceWhenRedelivered() {
        Accounts account = new Accounts();
        account.startTrial();
        List<Reply> batch = List.of(answer(account), answer(account));
        BatchOutbox.Row unstorable = outbox.raw("t".repeat(101), "k", "{}", Map.of());
        assertThrows(RuntimeException.class,
                () -> meter.meter(batch, List.of(unstorable)).await().indefinitely());
        assertMessages(account, 0);

        assertEquals(2, meter(batch).counted());
        assertEquals(0, meter(batch).counted());
        assertMessages(account, 2);
    }

    @Test
    void aBatchCrossingTheLimitPublishesOneEntitlementWithTheNewState() {
        Accounts account = new Accounts();
        account.startTrial();
        List<Reply> first = answers(account, 299);
        assertEquals(0, meter(first).entitlements(), "299 of 300: not yet");

        List<Reply> crossing = new ArrayList<>(answers(account, 4));
        crossing.add(first.get(0));
        Outcome outcome = meter(crossing);
        assertEquals(4, outcome.counted());
        assertEquals(1, outcome.entitlements(), "299 -> 303 crosses 300 once");
        assertEquals(0, meter(answers(account, 2)).entitlements(), "already past the limit");
        assertMessages(account, 305);

        List<JsonNode> events = account.entitlements(2);
        assertEquals(2, events.size(), "trial start, then the crossing");
        JsonNode limitReached = events.get(1);
        assertEquals("TRIAL", limitReached.get("plan").asText());
        assertEquals("TRIALING", limitReached.get("status").asText());
        assertEquals(300, limitReached.get("monthlyMessageLimit").asInt());
        assertEquals(300, limitReached.get("messagesUsed").asInt(), "the allowance is used up");
        assertEquals(2, TestKafkaClient.collect(Accounts.kafka(), "billing.entitlements",
                        r -> account.id.toString().equals(r.key()), Duration.ofSeconds(5)).size(),
                "no second crossing");
    }

    @Test
    void limitAndWelcomeRepliesInABatchAreNotCounted() {
        Accounts account = new Accounts();
        account.startTrial();
        Outcome outcome = meter(List.of(
                new Reply("msg-" + UUID.randomUUID(), account.id, "LIMIT"),
                answer(account),
                new Reply("msg-" + UUID.randomUUID(), account.id, "WELCOME"),
                new Reply("msg-" + UUID.randomUUID(), account.id, "FALLBACK")));
        assertEquals(2, outcome.counted());
        assertEquals(2, outcome.notMetered());
        assertMessages(account, 2);
    }

    @Test
    void repliesOfOwnersWithoutASubscriptionAreSkipped() {
        Accounts subscribed = new Accounts();
        subscribed.startTrial();
        UUID stranger = UUID.randomUUID();
        Outcome outcome = meter(List.of(
                new Reply("msg-" + UUID.randomUUID(), stranger, "ANSWER"),
                answer(subscribed),
                new Reply("msg-" + UUID.randomUUID(), stranger, "ANSWER")));
        assertEquals(1, outcome.counted());
        assertEquals(2, outcome.unsubscribed());
        assertMessages(subscribed, 1);
    }

    @Test
    void junkInTheMiddleOfABatchGoesToTheDeadLetterTopicWhileTheRestAreCounted() {
        Accounts account = new Accounts();
        account.startTrial();
        String junk = "{not json " + account.id;
        String ownerless = "{\"messageId\":\"msg-" + UUID.randomUUID() + "\",\"kind\":\"ANSWER\",\"x\":\""
                + account.id + "\"}";
        TestKafkaClient.sendAll(Accounts.kafka(), "chat.outbound", List.of(
                Map.entry("k1", account.outbound("msg-" + UUID.randomUUID(), "ANSWER")),
                Map.entry("k2", junk),
                Map.entry("k3", account.outbound("msg-" + UUID.randomUUID(), "FALLBACK")),
                Map.entry("k4", ownerless),
                Map.entry("k5", account.outbound("msg-" + UUID.randomUUID(), "ANSWER"))));
        assertMessages(account, 3);

        String dlq = "chat.outbound.dlq";
        List<ConsumerRecord<String, String>> parked = TestKafkaClient.await(Accounts.kafka(), dlq,
                r -> r.value().contains(account.id.toString()), 2, Duration.ofSeconds(20));
        Map<String, ConsumerRecord<String, String>> byKey = new HashMap<>();
        parked.forEach(r -> byKey.put(r.key(), r));
        assertEquals(Set.of("k2", "k4"), byKey.keySet(), "both bad records, under their own keys");
        assertEquals(junk, byKey.get("k2").value());
        assertEquals(ownerless, byKey.get("k4").value());
        assertTrue(reason(byKey.get("k2")).startsWith("unreadable chat.outbound record"));
        assertEquals("chat.outbound record without messageId, ownerId or kind", reason(byKey.get("k4")));
    }

    private Outcome meter(List<Reply> batch) {
        return meter.meter(batch, List.of()).await().indefinitely();
    }

    private static Reply answer(Accounts account) {
        return new Reply("msg-" + UUID.randomUUID(), account.id, "ANSWER");
    }

    private static List<Reply> answers(Accounts account, int count) {
        List<Reply> replies = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            replies.add(answer(account));
        }
        return replies;
    }

    private static String reason(ConsumerRecord<String, String> record) {
        return new String(record.headers().lastHeader("reason").value(), StandardCharsets.UTF_8);
    }

    private static void assertMessages(Accounts account, int expected) {
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                account.api().get("/api/subscriptions/me").then().body("usage.messages", equalTo(expected)));
    }
}

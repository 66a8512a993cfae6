// bot.channels.telegram follows channel.events: channel-telegram's ChannelConnected shows the @username
// and webhook on the bot, ChannelDisconnected clears it, and a broken record does not stop the stream.
package app.botfactory.bots;

import app.botfactory.testsupport.PlatformTestResource;
import app.botfactory.testsupport.TestKafkaClient;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;

@QuarkusTest
@WithTestResource(PlatformTestResource.class)
class ChannelSummaryTests {

    @Inject
    Pool pool;

    @Test
    void telegramConnectionAppearsOnTheBotAndGoesAwayOnDisconnect() {
        Owners owner = new Owners().grant(pool, "TRIAL", "TRIALING", 1);
        String botId = owner.createBot("Choyxona");
        owner.api().get("/api/bots/" + botId).then().statusCode(200).body("channels.telegram", nullValue());

        channelEvent(botId, "ChannelConnected", "\"username\":\"choyxona_bot\",\"webhookUrl\":\"https://b.example/telegram/webhook/"
                + botId + "\",");
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> owner.api().get("/api/bots/" + botId).then()
                .statusCode(200)
                .body("channels.telegram.status", equalTo("CONNECTED"))
                .body("channels.telegram.username", equalTo("choyxona_bot"))
                .body("channels.telegram.webhookUrl", equalTo("https://b.example/telegram/webhook/" + botId)));

        // A record nobody can read goes to the DLQ; the next one is still applied.
        TestKafkaClient.send(Owners.kafka(), "channel.events", botId, "{not json");
        channelEvent(botId, "ChannelDisconnected", "");
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> owner.api().get("/api/bots/" + botId).then()
                .statusCode(200).body("channels.telegram", nullValue()));
        TestKafkaClient.await(Owners.kafka(), "channel.events.dlq", r -> r.value().equals("{not json"), 1,
                Duration.ofSeconds(20));
    }

    @Test
    void eventForAnUnknownBotChangesNothing() {
        Owners owner = new Owners().grant(pool, "TRIAL", "TRIALING", 1);
        String botId = owner.createBot("Mine");
        channelEvent(UUID.randomUUID().toString(), "ChannelConnected", "\"username\":\"ghost_bot\",");
        channelEvent(botId, "ChannelConnected", "\"username\":\"mine_bot\",");
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> owner.api().get("/api/bots/" + botId).then()
                .body("channels.telegram.username", equalTo("mine_bot")));
    }

    private static void channelEvent(String botId, String type, String fields) {
        TestKafkaClient.send(Owners.kafka(), "channel.events", botId, "{\"type\":\"" + type + "\",\"eventId\":\""
                + UUID.randomUUID() + "\",\"botId\":\"" + botId + "\",\"channel\":\"telegram\"," + fields
                + "\"occurredAt\":\"" + Instant.now() + "\"}");
    }
}

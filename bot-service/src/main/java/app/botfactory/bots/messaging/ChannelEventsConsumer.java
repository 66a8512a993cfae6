// Keeps each bot's channel summary current from channel.events (key = botId, so one bot's events
// arrive in order): ChannelConnected stores the Telegram @username and webhook, ChannelDisconnected
// clears them. Events for bots deleted meanwhile are dropped; unreadable records go to the DLQ.
package app.botfactory.bots.messaging;

import app.botfactory.bots.repository.BotRepository;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

@ApplicationScoped
public class ChannelEventsConsumer {

    private static final Logger LOG = Logger.getLogger(ChannelEventsConsumer.class);

    private final BotRepository bots;
    private final ObjectMapper json;

    public ChannelEventsConsumer(BotRepository bots, ObjectMapper json) {
        this.bots = bots;
        this.json = json;
    }

    @Incoming("channel-events")
    @WithTransaction
    public Uni<Void> consume(String payload) {
        Events.ChannelEvent event = parse(payload);
        if (!"telegram".equals(event.channel())) {
            return Uni.createFrom().voidItem();   // a channel this version does not show yet
        }
        boolean connected = "ChannelConnected".equals(event.type());
        return bots.findById(event.botId())
                .invoke(bot -> {
                    if (bot == null) {
                        return;
                    }
                    bot.telegramUsername = connected ? event.username() : null;
                    bot.telegramWebhookUrl = connected ? event.webhookUrl() : null;
                    bot.telegramConnectedAt = connected ? event.occurredAt() : null;
                    LOG.infof("channel bot=%s telegram=%s", bot.id, connected ? "connected" : "disconnected");
                })
                .replaceWithVoid();
    }

    private Events.ChannelEvent parse(String payload) {
        try {
            Events.ChannelEvent e = json.readValue(payload, Events.ChannelEvent.class);
            if (e.botId() == null || e.channel() == null
                    || !("ChannelConnected".equals(e.type()) || "ChannelDisconnected".equals(e.type()))) {
                throw new IllegalArgumentException("channel.events record without botId, channel or a known type");
            }
            return e;
        } catch (IllegalArgumentException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalArgumentException("unreadable channel.events record: " + e.getClass().getSimpleName());
        }
    }
}

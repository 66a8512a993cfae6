// Keeps the local bot read model from bot.events; a deleted bot loses its webhook and token.
// Upsert/delete by botId is idempotent, so redeliveries are harmless.
package app.botfactory.telegram.messaging;

import app.botfactory.telegram.domain.BotProfile;
import app.botfactory.telegram.repository.BotProfileRepository;
import app.botfactory.telegram.service.ConnectionService;
import app.botfactory.telegram.service.WebhookBotCache;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Incoming;

import java.time.Clock;

@ApplicationScoped
public class BotEventsConsumer {

    private final BotProfileRepository bots;
    private final ConnectionService connections;
    private final WebhookBotCache webhookBots;
    private final ObjectMapper json;
    private final Clock clock;

    public BotEventsConsumer(BotProfileRepository bots, ConnectionService connections, WebhookBotCache webhookBots,
                             ObjectMapper json, Clock clock) {
        this.bots = bots;
        this.webhookBots = webhookBots;
        this.connections = connections;
        this.json = json;
        this.clock = clock;
    }

    /** The webhook's cached view of the bot is dropped once the change has committed. */
    @Incoming("bot-events")
    public Uni<Void> consume(String payload) {
        Events.BotEvent event = parse(payload);
        return apply(event).invoke(() -> webhookBots.invalidate(event.botId()));
    }

    private Uni<Void> apply(Events.BotEvent event) {
        if ("BotDeleted".equals(event.type())) {
            return connections.removeConnection(event.botId())
                    .chain(() -> Panache.withTransaction(() -> bots.deleteById(event.botId())))
                    .replaceWithVoid();
        }
        if (!"BotUpserted".equals(event.type()) || event.bot() == null) {
            return Uni.createFrom().voidItem();
        }
        return Panache.withTransaction(() -> bots.findById(event.botId()).chain(existing -> {
            BotProfile bot = existing == null ? new BotProfile() : existing;
            bot.botId = event.botId();
            bot.ownerId = event.ownerId();
            bot.welcomeMessage = event.bot().welcomeMessage() == null ? "👋" : event.bot().welcomeMessage();
            bot.status = event.bot().status() == null ? "ACTIVE" : event.bot().status();
            bot.updatedAt = clock.instant();
            return existing == null ? bots.persist(bot) : Uni.createFrom().item(bot);
        })).replaceWithVoid();
    }

    private Events.BotEvent parse(String payload) {
        try {
            Events.BotEvent e = json.readValue(payload, Events.BotEvent.class);
            if (e.type() == null || e.botId() == null || e.ownerId() == null) {
                throw new IllegalArgumentException("bot.events record without type, botId or ownerId");
            }
            return e;
        } catch (IllegalArgumentException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalArgumentException("unreadable bot.events record: " + e.getClass().getSimpleName());
        }
    }
}

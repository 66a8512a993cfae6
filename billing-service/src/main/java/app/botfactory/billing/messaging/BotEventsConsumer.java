// Keeps the per-owner bot list (for usage.bots) from bot.events. Upsert/delete by botId is
// naturally idempotent, so redeliveries are harmless.
package app.botfactory.billing.messaging;

import app.botfactory.billing.repository.UsageRepository;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Incoming;

@ApplicationScoped
public class BotEventsConsumer {

    private final UsageRepository usage;
    private final ObjectMapper json;

    public BotEventsConsumer(UsageRepository usage, ObjectMapper json) {
        this.usage = usage;
        this.json = json;
    }

    @Incoming("bot-events")
    @WithTransaction
    public Uni<Void> consume(String payload) {
        Events.BotEvent event = parse(payload);
        return switch (event.type()) {
            case "BotUpserted" -> usage.botUpserted(event.botId(), event.ownerId());
            case "BotDeleted" -> usage.botDeleted(event.botId());
            default -> Uni.createFrom().voidItem();
        };
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

// Reads what the webhook checks for a bot (connection secret, status, welcome) with one query on
// the raw reactive client: it runs on every cache miss of the hottest path.
package app.botfactory.telegram.repository;

import app.botfactory.telegram.domain.WebhookBot;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.UUID;

@ApplicationScoped
public class WebhookBotRepository {

    private static final String FIND = """
            SELECT c.secret_token, b.status, b.welcome_message, b.owner_id
            FROM telegram.connections c LEFT JOIN telegram.bots b ON b.bot_id = c.bot_id
            WHERE c.bot_id = $1""";

    private final Pool pool;

    public WebhookBotRepository(Pool pool) {
        this.pool = pool;
    }

    public Uni<WebhookBot> find(UUID botId) {
        return pool.preparedQuery(FIND).execute(Tuple.of(botId))
                .map(rows -> rows.size() == 0 ? WebhookBot.unknown(botId) : toBot(botId, rows.iterator().next()));
    }

    private static WebhookBot toBot(UUID botId, Row row) {
        return new WebhookBot(botId, row.getString("secret_token"), row.getString("status"),
                row.getString("welcome_message"), row.getUUID("owner_id"));
    }
}

// Telegram connections by bot.
package app.botfactory.telegram.repository;

import app.botfactory.telegram.domain.TelegramConnection;
import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.UUID;

@ApplicationScoped
public class ConnectionRepository implements PanacheRepositoryBase<TelegramConnection, UUID> {
}

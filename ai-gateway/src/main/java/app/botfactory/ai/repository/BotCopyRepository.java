// ai-gateway's bot copies.
package app.botfactory.ai.repository;

import app.botfactory.ai.domain.BotCopy;
import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.UUID;

@ApplicationScoped
public class BotCopyRepository implements PanacheRepositoryBase<BotCopy, UUID> {
}

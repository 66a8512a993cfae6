// Local read model of a bot (from bot.events): who owns it and what /start answers.
package app.botfactory.telegram.domain;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;
import java.util.UUID;

@Entity
@Table(name = "bots")
public class BotProfile {

    @Id
    @Column(name = "bot_id")
    public UUID botId;

    @Column(name = "owner_id", nullable = false)
    public UUID ownerId;

    @Column(name = "welcome_message", nullable = false)
    public String welcomeMessage;

    @Column(nullable = false)
    public String status;

    @Column(name = "updated_at", nullable = false)
    public Instant updatedAt;
}

// ai-gateway's copy of a bot's settings (from bot.events): persona, language, fallback text.
package app.botfactory.ai.domain;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;
import java.util.UUID;

@Entity
@Table(name = "bots")
public class BotCopy {

    @Id
    @Column(name = "bot_id")
    public UUID botId;

    @Column(name = "owner_id", nullable = false)
    public UUID ownerId;

    @Column(nullable = false)
    public String name;

    @Column(name = "system_prompt")
    public String systemPrompt;

    @Column(nullable = false)
    public String language;

    @Column(name = "fallback_message", nullable = false)
    public String fallbackMessage;

    @Column(nullable = false)
    public String status;

    @Column(name = "updated_at", nullable = false)
    public Instant updatedAt;
}

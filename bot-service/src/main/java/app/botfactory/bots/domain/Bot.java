// A tenant's assistant: persona, language and canned messages. Owned by exactly one account.
package app.botfactory.bots.domain;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;
import java.util.UUID;

@Entity
@Table(name = "bots")
public class Bot {

    @Id
    public UUID id;

    @Column(name = "owner_id", nullable = false)
    public UUID ownerId;

    @Column(nullable = false, length = 80)
    public String name;

    @Column(name = "system_prompt")
    public String systemPrompt;

    @Column(nullable = false, length = 35)
    public String language;

    @Column(name = "welcome_message", nullable = false)
    public String welcomeMessage;

    @Column(name = "fallback_message", nullable = false)
    public String fallbackMessage;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false, length = 16)
    public BotStatus status;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    @Column(name = "updated_at", nullable = false)
    public Instant updatedAt;

    /** Copy of channel-telegram's connection (channel.events); null when not connected. */
    @Column(name = "telegram_username")
    public String telegramUsername;

    @Column(name = "telegram_webhook_url")
    public String telegramWebhookUrl;

    @Column(name = "telegram_connected_at")
    public Instant telegramConnectedAt;
}

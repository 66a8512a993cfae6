// A bot's link to its Telegram bot: the sealed token, the webhook secret and what getMe said.
package app.botfactory.telegram.domain;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;
import java.util.UUID;

@Entity
@Table(name = "connections")
public class TelegramConnection {

    @Id
    @Column(name = "bot_id")
    public UUID botId;

    /** AES-GCM sealed bot token; never logged, never returned. */
    @Column(name = "token_sealed", nullable = false)
    public String tokenSealed;

    @Column(name = "secret_token", nullable = false)
    public String secretToken;

    @Column(name = "telegram_id", nullable = false)
    public long telegramId;

    @Column(nullable = false)
    public String username;

    @Column(name = "webhook_url", nullable = false)
    public String webhookUrl;

    @Column(name = "connected_at", nullable = false)
    public Instant connectedAt;
}

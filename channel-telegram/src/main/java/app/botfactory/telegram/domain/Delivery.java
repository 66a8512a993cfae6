// One reply to deliver to a Telegram chat (a chat.outbound record or a /start welcome).
package app.botfactory.telegram.domain;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;
import java.util.UUID;

@Entity
@Table(name = "deliveries")
public class Delivery {

    public static final String PENDING = "PENDING";
    public static final String SENT = "SENT";
    public static final String FAILED = "FAILED";

    @Id
    @Column(name = "message_id")
    public String messageId;

    @Column(name = "bot_id", nullable = false)
    public UUID botId;

    @Column(name = "chat_id", nullable = false)
    public String chatId;

    @Column(nullable = false)
    public String kind;

    @Column(nullable = false)
    public String text;

    /** The record as it arrived, for the dead-letter topic. */
    @Column(nullable = false)
    public String payload;

    @Column(nullable = false)
    public String status;

    @Column(name = "parts_sent", nullable = false)
    public int partsSent;

    @Column(nullable = false)
    public int attempts;

    @Column(name = "next_attempt_at", nullable = false)
    public Instant nextAttemptAt;

    @Column(name = "last_error")
    public String lastError;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    @Column(name = "sent_at")
    public Instant sentAt;
}

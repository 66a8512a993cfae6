// One reply claimed from the queue for delivery to a Telegram chat (a chat.outbound record or a
// /start welcome), with its bot's sealed token; read and written with plain SQL in batches.
package app.botfactory.telegram.domain;

import java.time.Instant;
import java.util.UUID;

public class Delivery {

    public static final String PENDING = "PENDING";
    public static final String SENT = "SENT";
    public static final String FAILED = "FAILED";

    public String messageId;
    public UUID botId;
    public String chatId;
    public String kind;
    public String text;
    /** The record as it arrived, for the dead-letter topic. */
    public String payload;
    public String status;
    public int partsSent;
    public int attempts;
    public Instant nextAttemptAt;
    public String lastError;
    public Instant createdAt;
    /** The bot's AES-GCM sealed token; null when the bot has no Telegram connection any more. */
    public String tokenSealed;
}

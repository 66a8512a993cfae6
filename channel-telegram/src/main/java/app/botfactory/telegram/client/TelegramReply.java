// What Telegram answered, decoded from its envelope: {"ok":true,"result":...} or
// {"ok":false,"error_code":N,"description":"...","parameters":{"retry_after":S}}.
package app.botfactory.telegram.client;

import com.fasterxml.jackson.databind.JsonNode;

public record TelegramReply(int httpStatus, boolean ok, JsonNode result, int errorCode, String description,
                            Integer retryAfterSeconds) {

    public boolean rateLimited() {
        return errorCode == 429 || httpStatus == 429;
    }

    public boolean serverSide() {
        return httpStatus >= 500 || errorCode >= 500;
    }
}

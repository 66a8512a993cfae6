// Reads a consumed record into its wire type; anything unreadable becomes IllegalArgumentException,
// which the channel's dead-letter strategy parks on <topic>.dlq with the reason.
package app.botfactory.ai.messaging;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.enterprise.context.ApplicationScoped;

@ApplicationScoped
public class Json {

    private final ObjectMapper mapper;

    public Json(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    public <T> T read(String payload, Class<T> type) {
        try {
            return mapper.readValue(payload, type);
        } catch (Exception e) {
            throw new IllegalArgumentException("unreadable " + type.getSimpleName() + ": " + e.getClass().getSimpleName());
        }
    }
}

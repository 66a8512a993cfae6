// Bodies of the Telegram channel API, as the platform contract spells them.
package app.botfactory.telegram.rest;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

import java.time.Instant;

public final class ChannelDtos {

    private ChannelDtos() { }

    public record ConnectRequest(@NotBlank @Size(max = 200) String token) { }

    /** Never carries the token. */
    public record ConnectionResponse(String status, String username, String webhookUrl, Instant connectedAt) { }
}

// Connection entity -> API body; the token is not part of it.
package app.botfactory.telegram.mapping;

import app.botfactory.telegram.domain.TelegramConnection;
import app.botfactory.telegram.rest.ChannelDtos.ConnectionResponse;

public final class ConnectionMapper {

    private ConnectionMapper() { }

    public static ConnectionResponse toResponse(TelegramConnection c) {
        return new ConnectionResponse("CONNECTED", c.username, c.webhookUrl, c.connectedAt);
    }
}

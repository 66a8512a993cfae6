// The real platform around channel-telegram (Postgres, Kafka, keys) plus a stand-in Telegram Bot
// API on loopback at the address the service is configured to call.
package app.botfactory.telegram;

import app.botfactory.testsupport.PlatformTestResource;
import app.botfactory.testsupport.TelegramStandIn;

import java.util.HashMap;
import java.util.Map;

public class TelegramTestResource extends PlatformTestResource {

    static final String PUBLIC_BASE_URL = "https://bots.example.test";
    private static TelegramStandIn telegram;

    static synchronized TelegramStandIn telegram() {
        if (telegram == null) {
            telegram = TelegramStandIn.start();
        }
        return telegram;
    }

    @Override
    public Map<String, String> start() {
        Map<String, String> config = new HashMap<>(super.start());
        config.put("quarkus.rest-client.telegram.url", telegram().baseUrl());
        config.put("botfactory.telegram.public-base-url", PUBLIC_BASE_URL);
        return config;
    }
}

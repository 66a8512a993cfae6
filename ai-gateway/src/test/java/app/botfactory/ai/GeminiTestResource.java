// The real platform around ai-gateway plus a stand-in Gemini on loopback and an API key, so the
// generative path runs against Google's wire format.
package app.botfactory.ai;

import app.botfactory.testsupport.GeminiStandIn;
import app.botfactory.testsupport.PlatformTestResource;

import java.util.HashMap;
import java.util.Map;

public class GeminiTestResource extends PlatformTestResource {

    static final String KEY = "test-gemini-key";
    private static GeminiStandIn gemini;

    static synchronized GeminiStandIn gemini() {
        if (gemini == null) {
            gemini = GeminiStandIn.start();
        }
        return gemini;
    }

    @Override
    public Map<String, String> start() {
        Map<String, String> config = new HashMap<>(super.start());
        config.put("quarkus.rest-client.gemini.url", gemini().baseUrl());
        config.put("botfactory.ai.google-api-key", KEY);
        config.put("botfactory.ai.model", "gemini-test-flash");
        return config;
    }
}

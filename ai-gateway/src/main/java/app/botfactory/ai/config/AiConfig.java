// Typed configuration of ai-gateway: the Gemini model and key, retrieval and memory sizes.
package app.botfactory.ai.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.util.Optional;

@ConfigMapping(prefix = "botfactory.ai")
public interface AiConfig {

    /** GOOGLE_API_KEY; without it bots answer extractively from their best passage. */
    Optional<String> googleApiKey();

    /** GEMINI_MODEL. */
    @WithDefault("gemini-2.5-flash")
    String model();

    /** Passages put into the prompt. */
    @WithDefault("4")
    int passages();

    /** Conversation turns (customer and bot) sent along with a new question. */
    @WithDefault("10")
    int memoryTurns();

    /** Share of the question's topic words a passage must cover to be used at all (0..1). */
    @WithDefault("0.5")
    double relevanceFloor();

    /** Retries of 429/500/503/504 before giving up on the model. */
    @WithDefault("3")
    int maxRetries();
}

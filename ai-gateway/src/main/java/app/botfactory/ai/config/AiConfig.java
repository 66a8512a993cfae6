// Typed configuration of ai-gateway: the Gemini model and key, retrieval and memory sizes.
package app.botfactory.ai.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;
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

    /** Share of the question's topics a passage must cover to be used at all (0..1); 0.55 means "more
     *  than half", chosen with the floor sweep of RetrievalQualityTests. */
    @WithDefault("0.55")
    double relevanceFloor();

    /**
     * chat.inbound messages answered at once (different chats; one chat is always answered in order).
     * An answer spends most of its time waiting for the model (1-2 s), holding no database connection
     * meanwhile, so this bounds throughput at about this many / answer time per instance.
     */
    @WithDefault("256")
    int inboundConcurrency();

    /** Answers written to the database in one transaction at most (see ReplyRecorder). */
    @WithDefault("64")
    int recordBatchSize();

    /** How long a bot copy or entitlement read from the database is reused (see CachedCopies). */
    @WithDefault("2S")
    Duration copyCacheTtl();

    /**
     * Passages held in memory for retrieval, over all bots (see KnowledgeCache); about 1.5 KB each, 75 MB
     * at the default. A bot that does not fit is read from the database for each question instead.
     */
    @WithDefault("50000")
    int knowledgeCachePassages();

    /** Retries of 429/500/503/504 before giving up on the model. */
    @WithDefault("3")
    int maxRetries();
}

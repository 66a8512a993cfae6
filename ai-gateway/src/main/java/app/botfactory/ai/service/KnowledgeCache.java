// Each bot's passages, indexed in memory (PassageIndex) for retrieval, for as long as the
// bot's knowledge version (ai.knowledge_versions) is the one they were read at. Every question
// reads that version (one primary-key lookup), so a document added or deleted through any replica
// of ai-gateway is used, or gone, from the next question on: nothing here can be stale. Bounded by
// botfactory.ai.knowledge-cache-passages over all bots, least recently asked bot out first; a bot
// bigger than the whole budget is read from the database for each question.
package app.botfactory.ai.service;

import app.botfactory.ai.config.AiConfig;
import app.botfactory.ai.repository.ChunkRepository;
import app.botfactory.ai.repository.ChunkRepository.Loaded;
import app.botfactory.ai.retrieval.PassageIndex;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

@ApplicationScoped
public class KnowledgeCache {

    /** Where a passage comes from (its position in the bot's PassageIndex is its position here). */
    public record Source(long id, UUID docId, String title) { }

    /** A bot's knowledge ready for scoring. */
    public record Knowledge(List<Source> sources, PassageIndex index) {
        static final Knowledge NONE = new Knowledge(List.of(), new PassageIndex(List.of()));
    }

    private record Entry(long version, Knowledge knowledge) { }

    private final ChunkRepository chunks;
    private final int budget;
    /** Access-ordered: iteration starts at the bot asked about longest ago. */
    private final LinkedHashMap<UUID, Entry> entries = new LinkedHashMap<>(256, 0.75f, true);
    private int held;

    @Inject
    public KnowledgeCache(ChunkRepository chunks, AiConfig config) {
        this(chunks, config.knowledgeCachePassages());
    }

    /** With a budget of its own (tests). */
    public KnowledgeCache(ChunkRepository chunks, int budget) {
        this.chunks = chunks;
        this.budget = budget;
    }

    /** The bot's knowledge as of now; empty when it has none. */
    public Uni<Knowledge> knowledge(UUID botId) {
        return chunks.version(botId).chain(version -> {
            if (version == null) {
                return Uni.createFrom().item(Knowledge.NONE);
            }
            Entry cached = get(botId);
            if (cached != null && cached.version() == version) {
                return Uni.createFrom().item(cached.knowledge());
            }
            return chunks.load(botId).map(loaded -> loaded == null ? Knowledge.NONE : keep(botId, loaded));
        });
    }

    private Knowledge keep(UUID botId, Loaded loaded) {
        Knowledge knowledge = new Knowledge(
                loaded.passages().stream().map(p -> new Source(p.id(), p.docId(), p.title())).toList(),
                new PassageIndex(loaded.passages().stream().map(ChunkRepository.Indexed::norm).toList()));
        put(botId, new Entry(loaded.version(), knowledge));
        return knowledge;
    }

    private synchronized Entry get(UUID botId) {
        return entries.get(botId);
    }

    /** Keeps what was read; evicts the least recently asked bots past the budget. */
    private synchronized void put(UUID botId, Entry entry) {
        Entry old = entries.get(botId);
        if (old != null) { // whichever load finished last; a wrong guess only costs a reload
            held -= old.knowledge().sources().size();
            entries.remove(botId);
        }
        if (entry.knowledge().sources().size() > budget) {
            return;
        }
        entries.put(botId, entry);
        held += entry.knowledge().sources().size();
        Iterator<Map.Entry<UUID, Entry>> eldest = entries.entrySet().iterator();
        while (held > budget && eldest.hasNext()) {
            Map.Entry<UUID, Entry> e = eldest.next();
            held -= e.getValue().knowledge().sources().size();
            eldest.remove();
        }
    }

    /** Whether the bot's passages are held now. */
    public synchronized boolean holds(UUID botId) {
        return entries.containsKey(botId);
    }

    /** Passages held now over all bots. */
    public synchronized int held() {
        return held;
    }
}

// Knowledge passages: replaced per document; every change takes the bot a new knowledge version
// (ai.knowledge_versions, same transaction), which is what KnowledgeCache compares before it reuses
// the passages it holds. Retrieval reads a bot's passages whole and scores them in Java; the
// winners' texts are read by id.
package app.botfactory.ai.repository;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

@ApplicationScoped
public class ChunkRepository {

    private static final String NEW_VERSION = """
            INSERT INTO ai.knowledge_versions (bot_id, version) VALUES (?1, nextval('ai.knowledge_version_seq'))
            ON CONFLICT (bot_id) DO UPDATE SET version = EXCLUDED.version""";

    private static final String DELETE_DOCUMENT = """
            WITH gone AS (DELETE FROM ai.chunks WHERE doc_id = ?1 RETURNING bot_id)
            INSERT INTO ai.knowledge_versions (bot_id, version)
            SELECT bot_id, nextval('ai.knowledge_version_seq') FROM (SELECT DISTINCT bot_id FROM gone) b
            ON CONFLICT (bot_id) DO UPDATE SET version = EXCLUDED.version""";

    /**
     * The version and the passages in one statement, so they always belong together; in the order they
     * were added, which is the order equally good passages are offered in.
     */
    private static final String LOAD = """
            SELECT v.version, c.id, c.doc_id, c.title, c.norm
            FROM ai.knowledge_versions v LEFT JOIN ai.chunks c ON c.bot_id = v.bot_id
            WHERE v.bot_id = $1
            ORDER BY c.id""";

    private final Pool pool;

    public ChunkRepository(Pool pool) {
        this.pool = pool;
    }

    /** A passage as retrieval holds it: no text, only what scoring reads. */
    public record Indexed(long id, UUID docId, String title, String norm) { }

    /** A bot's passages at one knowledge version. */
    public record Loaded(long version, List<Indexed> passages) { }

    /**
     * Replaces the document's passages; true when they changed. The same passages again (a
     * knowledge.events record redelivered after a crash) leave everything as it is, so every replica
     * keeps the index it holds instead of reloading the bot for nothing.
     */
    public Uni<Boolean> replaceDocument(UUID botId, UUID docId, String title, List<String> contents,
                                        List<String> norms) {
        return sameAsStored(botId, docId, title, contents).chain(same -> same
                ? Uni.createFrom().item(false)
                : deleteDocument(docId).chain(() -> insert(botId, docId, title, contents, norms, 0))
                        .chain(() -> newVersion(botId)).replaceWith(true));
    }

    private Uni<Boolean> sameAsStored(UUID botId, UUID docId, String title, List<String> contents) {
        return Panache.getSession().chain(s -> s.createNativeQuery(
                        "SELECT bot_id, title, content FROM ai.chunks WHERE doc_id = ?1 ORDER BY ord", Object[].class)
                .setParameter(1, docId).getResultList()).map(rows -> {
                    if (rows.size() != contents.size() || rows.isEmpty()) {
                        return false;
                    }
                    for (int i = 0; i < rows.size(); i++) {
                        Object[] row = rows.get(i);
                        boolean same = botId.toString().equals(String.valueOf(row[0])) && title.equals(row[1])
                                && contents.get(i).equals(row[2]);
                        if (!same) {
                            return false;
                        }
                    }
                    return true;
                });
    }

    private Uni<Void> insert(UUID botId, UUID docId, String title, List<String> contents, List<String> norms, int i) {
        if (i == contents.size()) {
            return Uni.createFrom().voidItem();
        }
        return Panache.getSession().chain(s -> s.createNativeQuery("""
                        INSERT INTO ai.chunks (bot_id, doc_id, title, ord, content, norm) VALUES (?1, ?2, ?3, ?4, ?5, ?6)""")
                .setParameter(1, botId).setParameter(2, docId).setParameter(3, title).setParameter(4, i)
                .setParameter(5, contents.get(i)).setParameter(6, norms.get(i))
                .executeUpdate()).chain(() -> insert(botId, docId, title, contents, norms, i + 1));
    }

    private Uni<Void> newVersion(UUID botId) {
        return Panache.getSession().chain(s -> s.createNativeQuery(NEW_VERSION).setParameter(1, botId)
                .executeUpdate()).replaceWithVoid();
    }

    /** Deletes the document's passages; the bot it belonged to gets a new knowledge version. */
    public Uni<Void> deleteDocument(UUID docId) {
        return Panache.getSession().chain(s -> s.createNativeQuery(DELETE_DOCUMENT)
                .setParameter(1, docId).executeUpdate()).replaceWithVoid();
    }

    public Uni<Void> deleteBot(UUID botId) {
        return Panache.getSession().chain(s -> s.createNativeQuery("DELETE FROM ai.chunks WHERE bot_id = ?1")
                        .setParameter(1, botId).executeUpdate())
                .chain(() -> Panache.getSession().chain(s -> s.createNativeQuery(
                        "DELETE FROM ai.knowledge_versions WHERE bot_id = ?1").setParameter(1, botId).executeUpdate()))
                .replaceWithVoid();
    }

    /** The bot's current knowledge version; null when it has never had any knowledge. */
    public Uni<Long> version(UUID botId) {
        return pool.preparedQuery("SELECT version FROM ai.knowledge_versions WHERE bot_id = $1")
                .execute(Tuple.of(botId))
                .map(rows -> rows.size() == 0 ? null : rows.iterator().next().getLong(0));
    }

    /** Every passage of the bot with the version they belong to; null when it has never had knowledge. */
    public Uni<Loaded> load(UUID botId) {
        return pool.preparedQuery(LOAD).execute(Tuple.of(botId)).map(rows -> {
            Long version = null;
            List<Indexed> passages = new ArrayList<>(rows.size());
            for (Row r : rows) {
                version = r.getLong(0);
                if (r.getValue(1) != null) {
                    passages.add(new Indexed(r.getLong(1), r.getUUID(2), r.getString(3), r.getString(4)));
                }
            }
            return version == null ? null : new Loaded(version, passages);
        });
    }

    /** The texts of the passages with these ids (a passage deleted meanwhile is simply missing). */
    public Uni<Map<Long, String>> contents(List<Long> ids) {
        if (ids.isEmpty()) {
            return Uni.createFrom().item(Map.of());
        }
        return pool.preparedQuery("SELECT id, content FROM ai.chunks WHERE id = ANY($1)")
                .execute(Tuple.of(ids.toArray(Long[]::new)))
                .map(rows -> {
                    Map<Long, String> out = new HashMap<>();
                    rows.forEach(r -> out.put(r.getLong(0), r.getString(1)));
                    return out;
                });
    }
}

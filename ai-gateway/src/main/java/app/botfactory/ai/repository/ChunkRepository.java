// Knowledge passages: replaced per document, searched per bot with Postgres full-text search over
// the normalised text (`simple` configuration, prefix terms of the question's expanded topics);
// trigram similarity only re-ranks the best-ranked passages found (computing it for every passage of
// a bot was most of a query's cost; the lexicon's prefix terms already find inflected and
// transliterated words).
package app.botfactory.ai.repository;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

@ApplicationScoped
public class ChunkRepository {

    private static final String SEARCH = """
            SELECT x.doc_id, x.title, x.content, x.norm, x.rank,
                   ai.word_similarity($3, x.norm) AS sim
            FROM (
                SELECT c.doc_id, c.title, c.content, c.norm, ts_rank_cd(c.tsv, q) AS rank
                FROM ai.chunks c, to_tsquery('simple', $2) q
                WHERE c.bot_id = $1 AND c.tsv @@ q
                ORDER BY rank DESC
                LIMIT 2 * $4::int) x
            ORDER BY x.rank + ai.word_similarity($3, x.norm) DESC
            LIMIT $4::int""";

    private final Pool pool;

    public ChunkRepository(Pool pool) {
        this.pool = pool;
    }

    /** A passage found for a question, with the database's two relevance signals. */
    public record Candidate(UUID docId, String title, String content, String norm, double rank, double similarity) { }

    public Uni<Void> replaceDocument(UUID botId, UUID docId, String title, List<String> contents, List<String> norms) {
        return deleteDocument(docId).chain(() -> insert(botId, docId, title, contents, norms, 0));
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

    public Uni<Void> deleteDocument(UUID docId) {
        return Panache.getSession().chain(s -> s.createNativeQuery("DELETE FROM ai.chunks WHERE doc_id = ?1")
                .setParameter(1, docId).executeUpdate()).replaceWithVoid();
    }

    public Uni<Void> deleteBot(UUID botId) {
        return Panache.getSession().chain(s -> s.createNativeQuery("DELETE FROM ai.chunks WHERE bot_id = ?1")
                .setParameter(1, botId).executeUpdate()).replaceWithVoid();
    }

    /** Read for every answered message: raw reactive SQL, no Hibernate session needed. */
    public Uni<List<Candidate>> search(UUID botId, String tsQuery, String normalizedQuestion, int limit) {
        return pool.preparedQuery(SEARCH).execute(Tuple.of(botId, tsQuery, normalizedQuestion, limit))
                .map(rows -> {
                    List<Candidate> out = new ArrayList<>();
                    for (Row r : rows) {
                        out.add(new Candidate(r.getUUID(0), r.getString(1), r.getString(2), r.getString(3),
                                r.getDouble(4), r.getDouble(5)));
                    }
                    return out;
                });
    }
}

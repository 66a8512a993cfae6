// Inbound messages already answered: the guard that keeps one outbound per inbound messageId.
package app.botfactory.ai.repository;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;

@ApplicationScoped
public class AnsweredRepository {

    public Uni<Boolean> seen(String messageId) {
        return Panache.getSession().chain(s -> s.createNativeQuery(
                        "SELECT count(*) FROM ai.answered WHERE message_id = ?1", Long.class)
                .setParameter(1, messageId).getSingleResult()).map(n -> n > 0);
    }

    /** True for the first writer; a concurrent or repeated answer to the same message gets false. */
    public Uni<Boolean> claim(String messageId, String outboundId, String kind, Instant now) {
        return Panache.getSession().chain(s -> s.createNativeQuery("""
                        INSERT INTO ai.answered (message_id, outbound_id, kind, answered_at) VALUES (?1, ?2, ?3, ?4)
                        ON CONFLICT (message_id) DO NOTHING""")
                .setParameter(1, messageId).setParameter(2, outboundId).setParameter(3, kind).setParameter(4, now)
                .executeUpdate()).map(n -> n == 1);
    }
}

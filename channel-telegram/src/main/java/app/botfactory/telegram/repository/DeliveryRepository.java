// The reply queue: idempotent enqueue by messageId, and claiming the oldest due reply of each chat
// (so a chat's replies go out in order) with a lease, so replicas never send the same one twice.
package app.botfactory.telegram.repository;

import app.botfactory.telegram.domain.Delivery;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;
import java.util.List;

@ApplicationScoped
public class DeliveryRepository implements PanacheRepositoryBase<Delivery, String> {

    /** True when the reply was new; a redelivered chat.outbound record changes nothing. */
    public Uni<Boolean> enqueue(Delivery d) {
        return Panache.getSession().chain(s -> s.createNativeQuery("""
                        INSERT INTO telegram.deliveries (message_id, bot_id, chat_id, kind, text, payload, status,
                            parts_sent, attempts, next_attempt_at, created_at)
                        VALUES (?1, ?2, ?3, ?4, ?5, ?6, 'PENDING', 0, 0, ?7, ?7)
                        ON CONFLICT (message_id) DO NOTHING""")
                .setParameter(1, d.messageId).setParameter(2, d.botId).setParameter(3, d.chatId)
                .setParameter(4, d.kind).setParameter(5, d.text).setParameter(6, d.payload)
                .setParameter(7, d.createdAt)
                .executeUpdate()).map(n -> n == 1);
    }

    /**
     * Leases up to `limit` due replies, at most one per chat (the oldest pending), by pushing their
     * next attempt past the lease. A replica that loses the race sees the new time and skips them.
     */
    public Uni<List<Delivery>> claimDue(Instant now, Instant leaseUntil, int limit) {
        return Panache.getSession().chain(s -> s.createNativeQuery("""
                        UPDATE telegram.deliveries d SET next_attempt_at = ?2
                        WHERE d.message_id IN (
                            SELECT h.message_id FROM (
                                SELECT DISTINCT ON (bot_id, chat_id) message_id, next_attempt_at
                                FROM telegram.deliveries WHERE status = 'PENDING'
                                ORDER BY bot_id, chat_id, created_at) h
                            WHERE h.next_attempt_at <= ?1
                            ORDER BY h.next_attempt_at LIMIT ?3)
                          AND d.status = 'PENDING' AND d.next_attempt_at <= ?1
                        RETURNING d.*""", Delivery.class)
                .setParameter(1, now).setParameter(2, leaseUntil).setParameter(3, limit)
                .getResultList());
    }
}

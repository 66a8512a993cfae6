// Refresh tokens: lookup by hash, the atomic "spend once" update, and family revocation.
package app.botfactory.accounts.repository;

import app.botfactory.accounts.domain.RefreshToken;
import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;
import java.util.UUID;

@ApplicationScoped
public class RefreshTokenRepository implements PanacheRepositoryBase<RefreshToken, UUID> {

    public Uni<RefreshToken> findByHash(String tokenHash) {
        return find("tokenHash", tokenHash).firstResult();
    }

    /**
     * Marks the token spent if, and only if, nobody spent or revoked it before. Two concurrent
     * refreshes with the same token therefore see exactly one winner; the loser is a reuse.
     */
    public Uni<Boolean> spend(UUID id, Instant now) {
        return update("usedAt = ?1 where id = ?2 and usedAt is null and revokedAt is null", now, id)
                .map(updated -> updated == 1);
    }

    public Uni<Integer> revokeFamily(UUID familyId, Instant now) {
        return update("revokedAt = ?1 where familyId = ?2 and revokedAt is null", now, familyId);
    }

    public Uni<Long> deleteExpiredBefore(Instant cutoff) {
        return delete("expiresAt < ?1", cutoff);
    }
}

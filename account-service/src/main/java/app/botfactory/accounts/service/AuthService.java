// Login, refresh-token rotation with reuse detection, and logout.
package app.botfactory.accounts.service;

import app.botfactory.accounts.domain.RefreshToken;
import app.botfactory.accounts.domain.User;
import app.botfactory.platform.web.ApiException;
import app.botfactory.accounts.repository.RefreshTokenRepository;
import app.botfactory.accounts.repository.UserRepository;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.time.Clock;
import java.time.Instant;
import java.util.UUID;

@ApplicationScoped
public class AuthService {

    private static final Logger LOG = Logger.getLogger(AuthService.class);

    /** A freshly issued pair; `refreshToken` is the only copy of the secret that will ever exist. */
    public record TokenPair(String accessToken, String refreshToken, long expiresInSeconds) { }

    /** What a refresh attempt turned out to be, decided inside the transaction, acted on after it. */
    private sealed interface RefreshOutcome permits Rotated, Rejected { }

    private record Rotated(TokenPair pair) implements RefreshOutcome { }

    private record Rejected(String reason) implements RefreshOutcome { }

    private final UserRepository users;
    private final RefreshTokenRepository refreshTokens;
    private final PasswordHasher hasher;
    private final TokenIssuer issuer;
    private final LoginThrottle throttle;
    private final Clock clock;

    public AuthService(UserRepository users, RefreshTokenRepository refreshTokens, PasswordHasher hasher,
                       TokenIssuer issuer, LoginThrottle throttle, Clock clock) {
        this.users = users;
        this.refreshTokens = refreshTokens;
        this.hasher = hasher;
        this.issuer = issuer;
        this.throttle = throttle;
        this.clock = clock;
    }

    public Uni<TokenPair> login(String email, String password, String client) {
        String normalised = AccountService.normaliseEmail(email);
        String emailKey = LoginThrottle.emailKey(normalised);
        String clientKey = LoginThrottle.clientKey(client);
        return throttle.ensureAllowed(emailKey, clientKey)
                .chain(() -> Panache.withSession(() -> users.findByEmail(normalised)))
                .chain(user -> checkPassword(user, password))
                .chain(user -> user == null
                        ? throttle.recordFailure(emailKey, clientKey).chain(AuthService::invalidCredentials)
                        : throttle.recordSuccess(emailKey).chain(() -> startSession(user)));
    }

    public Uni<TokenPair> refresh(String presentedToken) {
        String hash = TokenIssuer.hash(presentedToken);
        return Panache.withTransaction(() -> refreshTokens.findByHash(hash).chain(this::rotate))
                .map(AuthService::pairOrUnauthorized);
    }

    /** Revokes the session of the access token and, if given, the family of a refresh token. */
    public Uni<Void> logout(String sessionId, String refreshToken) {
        Instant now = clock.instant();
        return Panache.withTransaction(() -> revokeSession(sessionId, now)
                .chain(() -> refreshToken == null || refreshToken.isBlank()
                        ? Uni.createFrom().voidItem()
                        : refreshTokens.findByHash(TokenIssuer.hash(refreshToken))
                                .chain(token -> token == null ? Uni.createFrom().voidItem()
                                        : refreshTokens.revokeFamily(token.familyId, now).replaceWithVoid())));
    }

    public Uni<Long> purgeExpiredRefreshTokens() {
        return Panache.withTransaction(() -> refreshTokens.deleteExpiredBefore(clock.instant()));
    }

    private Uni<User> checkPassword(User user, String password) {
        return hasher.verifyAsync(password, user == null ? null : user.passwordHash)
                .map(ok -> ok ? user : null);
    }

    private Uni<TokenPair> startSession(User user) {
        UUID family = UUID.randomUUID();
        return Panache.withTransaction(() -> issuePair(user, family))
                .invoke(() -> LOG.infof("login user=%s outcome=ok", user.id));
    }

    private Uni<RefreshOutcome> rotate(RefreshToken token) {
        Instant now = clock.instant();
        if (token == null) {
            return rejected("unknown");
        }
        if (token.revokedAt != null) {
            return rejected("revoked");
        }
        if (token.usedAt != null) {
            return reuse(token, now);
        }
        if (!token.expiresAt.isAfter(now)) {
            return rejected("expired");
        }
        return refreshTokens.spend(token.id, now).chain(spent -> spent
                ? users.findById(token.userId).chain(user -> user == null ? rejected("no-user")
                        : issuePair(user, token.familyId).map(Rotated::new))
                : reuse(token, now));
    }

    /** A spent token came back: someone holds a copy. End the whole family, the thief's and the owner's. */
    private Uni<RefreshOutcome> reuse(RefreshToken token, Instant now) {
        LOG.warnf("refresh token reuse detected user=%s family=%s outcome=family-revoked",
                token.userId, token.familyId);
        return refreshTokens.revokeFamily(token.familyId, now).chain(() -> rejected("reuse"));
    }

    private Uni<TokenPair> issuePair(User user, UUID family) {
        Instant now = clock.instant();
        String secret = issuer.newRefreshToken();
        RefreshToken row = new RefreshToken();
        row.id = UUID.randomUUID();
        row.familyId = family;
        row.userId = user.id;
        row.tokenHash = TokenIssuer.hash(secret);
        row.createdAt = now;
        row.expiresAt = now.plus(issuer.refreshTokenLifetime());
        return refreshTokens.persist(row)
                .map(saved -> new TokenPair(issuer.accessToken(user, family), secret,
                        issuer.accessTokenLifetime().toSeconds()));
    }

    private Uni<Void> revokeSession(String sessionId, Instant now) {
        UUID family;
        try {
            family = sessionId == null ? null : UUID.fromString(sessionId);
        } catch (IllegalArgumentException e) {
            family = null;
        }
        return family == null ? Uni.createFrom().voidItem()
                : refreshTokens.revokeFamily(family, now).replaceWithVoid();
    }

    private static TokenPair pairOrUnauthorized(RefreshOutcome outcome) {
        if (outcome instanceof Rotated rotated) {
            return rotated.pair();
        }
        LOG.infof("refresh rejected outcome=401 reason=%s", ((Rejected) outcome).reason());
        throw ApiException.unauthorized("invalid-refresh-token",
                "The refresh token is invalid, expired or revoked. Log in again.");
    }

    private static Uni<RefreshOutcome> rejected(String reason) {
        return Uni.createFrom().item(new Rejected(reason));
    }

    private static <T> Uni<T> invalidCredentials() {
        return Uni.createFrom().failure(ApiException.unauthorized("invalid-credentials",
                "Email or password is incorrect."));
    }
}

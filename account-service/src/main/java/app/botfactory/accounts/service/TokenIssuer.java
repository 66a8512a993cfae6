// Issues the platform's access tokens (RS256 JWT with kid) and opaque refresh tokens.
package app.botfactory.accounts.service;

import app.botfactory.accounts.config.AccountConfig;
import app.botfactory.accounts.domain.User;
import io.smallrye.jwt.build.Jwt;
import jakarta.enterprise.context.ApplicationScoped;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Set;
import java.util.UUID;

@ApplicationScoped
public class TokenIssuer {

    /** Claim carrying the refresh-token family, so logout can revoke the session it came from. */
    public static final String SESSION_CLAIM = "sid";

    private final SigningKeys keys;
    private final AccountConfig config;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();

    public TokenIssuer(SigningKeys keys, AccountConfig config, Clock clock) {
        this.keys = keys;
        this.config = config;
        this.clock = clock;
    }

    public String accessToken(User user, UUID sessionId) {
        Instant now = clock.instant();
        return Jwt.issuer(config.jwt().issuer())
                .subject(user.id.toString())
                .upn(user.email)
                .groups(Set.of("user"))
                .claim(SESSION_CLAIM, sessionId.toString())
                .issuedAt(now)
                .expiresAt(now.plus(accessTokenLifetime()))
                .jws()
                .keyId(keys.keyId())
                .sign(keys.privateKey());
    }

    public Duration accessTokenLifetime() {
        return config.jwt().accessTokenLifetime();
    }

    public Duration refreshTokenLifetime() {
        return config.jwt().refreshTokenLifetime();
    }

    /** 256 random bits, URL-safe. Only its hash is ever stored. */
    public String newRefreshToken() {
        byte[] bytes = new byte[32];
        random.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    public static String hash(String refreshToken) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256")
                    .digest(refreshToken.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (Exception e) {
            throw new IllegalStateException("SHA-256 unavailable", e);
        }
    }
}

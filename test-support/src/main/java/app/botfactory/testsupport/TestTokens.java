// Mints access tokens exactly like account-service does (RS256, kid, iss, sub, upn, groups)
// so other services' tests can call their APIs as a given tenant.
package app.botfactory.testsupport;

import java.nio.charset.StandardCharsets;
import java.security.Signature;
import java.time.Instant;
import java.util.Base64;
import java.util.UUID;

public final class TestTokens {

    public static final String ISSUER = "https://botfactory.local";

    private TestTokens() { }

    public static String forUser(UUID userId, String email) {
        return forUser(userId, email, Instant.now().plusSeconds(900));
    }

    public static String forUser(UUID userId, String email, Instant expiresAt) {
        long now = Instant.now().getEpochSecond();
        String header = "{\"alg\":\"RS256\",\"typ\":\"JWT\",\"kid\":\"" + TestKeys.keyId() + "\"}";
        String claims = "{\"iss\":\"" + ISSUER + "\",\"sub\":\"" + userId + "\",\"upn\":\"" + email
                + "\",\"groups\":[\"user\"],\"iat\":" + now + ",\"exp\":" + expiresAt.getEpochSecond()
                + ",\"jti\":\"" + UUID.randomUUID() + "\"}";
        String signingInput = b64(header) + "." + b64(claims);
        try {
            Signature rsa = Signature.getInstance("SHA256withRSA");
            rsa.initSign(TestKeys.privateKey());
            rsa.update(signingInput.getBytes(StandardCharsets.US_ASCII));
            return signingInput + "." + Base64.getUrlEncoder().withoutPadding().encodeToString(rsa.sign());
        } catch (Exception e) {
            throw new IllegalStateException("could not sign test token", e);
        }
    }

    /** A syntactically valid token whose header says alg=none and carries no signature. */
    public static String unsigned(UUID userId, String email) {
        long now = Instant.now().getEpochSecond();
        String claims = "{\"iss\":\"" + ISSUER + "\",\"sub\":\"" + userId + "\",\"upn\":\"" + email
                + "\",\"groups\":[\"user\"],\"iat\":" + now + ",\"exp\":" + (now + 900) + "}";
        return b64("{\"alg\":\"none\",\"typ\":\"JWT\"}") + "." + b64(claims) + ".";
    }

    static String b64(String json) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(json.getBytes(StandardCharsets.UTF_8));
    }
}

// The RS256 key that signs access tokens, loaded once from configuration, and its public half
// as a JWK (kid = RFC 7638 thumbprint) for /.well-known/jwks.json.
package app.botfactory.accounts.service;

import app.botfactory.accounts.config.AccountConfig;
import io.quarkus.runtime.Startup;
import jakarta.enterprise.context.ApplicationScoped;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyFactory;
import java.security.MessageDigest;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

@Startup
@ApplicationScoped
public class SigningKeys {

    private final RSAPrivateCrtKey privateKey;
    private final String keyId;
    private final Map<String, Object> publicJwk;

    public SigningKeys(AccountConfig config) {
        String location = config.jwt().privateKeyLocation()
                .filter(s -> !s.isBlank())
                .orElseThrow(() -> new IllegalStateException(
                        "No JWT signing key: set JWT_PRIVATE_KEY_FILE to a PKCS#8 PEM file "
                                + "(the local launcher generates one under .run/keys)"));
        this.privateKey = readPrivateKey(Path.of(location));
        String n = b64url(unsigned(privateKey.getModulus()));
        String e = b64url(unsigned(privateKey.getPublicExponent()));
        this.keyId = thumbprint(n, e);
        Map<String, Object> jwk = new LinkedHashMap<>();
        jwk.put("kty", "RSA");
        jwk.put("use", "sig");
        jwk.put("alg", "RS256");
        jwk.put("kid", keyId);
        jwk.put("n", n);
        jwk.put("e", e);
        this.publicJwk = Map.copyOf(jwk);
    }

    public RSAPrivateCrtKey privateKey() {
        return privateKey;
    }

    public String keyId() {
        return keyId;
    }

    /** The JWK Set document: every key a verifier should currently accept. */
    public Map<String, Object> jwks() {
        return Map.of("keys", List.of(publicJwk));
    }

    private static RSAPrivateCrtKey readPrivateKey(Path file) {
        try {
            String pem = Files.readString(file, StandardCharsets.US_ASCII);
            if (pem.contains("BEGIN RSA PRIVATE KEY")) {
                throw new IllegalStateException("JWT key at " + file + " is PKCS#1; convert it with "
                        + "'openssl pkcs8 -topk8 -nocrypt' to PKCS#8");
            }
            String base64 = pem.replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");
            byte[] der = Base64.getDecoder().decode(base64);
            return (RSAPrivateCrtKey) KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(der));
        } catch (IllegalStateException e) {
            throw e;
        } catch (Exception e) {
            // The message names the file only: key material never reaches a log line.
            throw new IllegalStateException("JWT signing key at " + file + " is not a readable RSA PKCS#8 PEM");
        }
    }

    private static String thumbprint(String n, String e) {
        String canonical = "{\"e\":\"" + e + "\",\"kty\":\"RSA\",\"n\":\"" + n + "\"}";
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(canonical.getBytes(StandardCharsets.UTF_8));
            return b64url(digest);
        } catch (Exception ex) {
            throw new IllegalStateException("SHA-256 unavailable", ex);
        }
    }

    private static byte[] unsigned(BigInteger value) {
        byte[] bytes = value.toByteArray();
        return bytes[0] == 0 ? Arrays.copyOfRange(bytes, 1, bytes.length) : bytes;
    }

    private static String b64url(byte[] bytes) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}

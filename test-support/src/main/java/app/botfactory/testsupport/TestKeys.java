// Throw-away RS256 key pair for one test JVM: written as PEM files under the module's target/
// so services load them the way production loads its mounted keys. Never committed.
package app.botfactory.testsupport;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.PrivateKey;
import java.security.interfaces.RSAPublicKey;
import java.util.Arrays;
import java.util.Base64;

public final class TestKeys {

    private static KeyPair pair;
    private static Path privatePem;
    private static Path publicPem;
    private static Path jwks;
    private static String keyId;

    private TestKeys() { }

    public static synchronized KeyPair pair() {
        if (pair == null) {
            try {
                KeyPairGenerator gen = KeyPairGenerator.getInstance("RSA");
                gen.initialize(2048);
                pair = gen.generateKeyPair();
                Path dir = Files.createTempDirectory("test-keys-");
                privatePem = write(dir.resolve("jwt-private.pem"), "PRIVATE KEY", pair.getPrivate().getEncoded());
                publicPem = write(dir.resolve("jwt-public.pem"), "PUBLIC KEY", pair.getPublic().getEncoded());
                RSAPublicKey pub = (RSAPublicKey) pair.getPublic();
                String n = b64url(unsigned(pub.getModulus()));
                String e = b64url(unsigned(pub.getPublicExponent()));
                // RFC 7638 thumbprint: the kid account-service derives for the same key.
                keyId = b64url(MessageDigest.getInstance("SHA-256").digest(
                        ("{\"e\":\"" + e + "\",\"kty\":\"RSA\",\"n\":\"" + n + "\"}")
                                .getBytes(StandardCharsets.UTF_8)));
                jwks = dir.resolve("jwks.json");
                Files.writeString(jwks, "{\"keys\":[{\"kty\":\"RSA\",\"use\":\"sig\",\"alg\":\"RS256\",\"kid\":\""
                        + keyId + "\",\"n\":\"" + n + "\",\"e\":\"" + e + "\"}]}");
            } catch (Exception e) {
                throw new IllegalStateException("could not create test keys", e);
            }
        }
        return pair;
    }

    public static PrivateKey privateKey() {
        return pair().getPrivate();
    }

    public static Path privateKeyFile() {
        pair();
        return privatePem;
    }

    public static Path publicKeyFile() {
        pair();
        return publicPem;
    }

    /** The public key as a JWK Set, as services fetch it from account-service's JWKS endpoint. */
    public static Path jwksFile() {
        pair();
        return jwks;
    }

    public static String keyId() {
        pair();
        return keyId;
    }

    private static byte[] unsigned(BigInteger value) {
        byte[] bytes = value.toByteArray();
        return bytes[0] == 0 ? Arrays.copyOfRange(bytes, 1, bytes.length) : bytes;
    }

    private static String b64url(byte[] bytes) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    private static Path write(Path file, String label, byte[] der) throws Exception {
        String body = Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(der);
        Files.writeString(file, "-----BEGIN " + label + "-----\n" + body + "\n-----END " + label + "-----\n");
        return file;
    }
}

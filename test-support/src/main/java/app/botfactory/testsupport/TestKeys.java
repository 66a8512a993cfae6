// Throw-away RS256 key pair for one test JVM: written as PEM files under the module's target/
// so services load them the way production loads its mounted keys. Never committed.
package app.botfactory.testsupport;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.util.Base64;

public final class TestKeys {

    private static KeyPair pair;
    private static Path privatePem;
    private static Path publicPem;

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

    private static Path write(Path file, String label, byte[] der) throws Exception {
        String body = Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(der);
        Files.writeString(file, "-----BEGIN " + label + "-----\n" + body + "\n-----END " + label + "-----\n");
        return file;
    }
}

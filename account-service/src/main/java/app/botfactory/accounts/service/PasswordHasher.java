// Argon2id password hashing (BouncyCastle) in the PHC string format, so the cost can be raised
// later without invalidating stored hashes. CPU- and memory-heavy (19 MiB a hash), so it runs on
// its own worker pool with one thread per core: excess logins queue instead of thrashing.
package app.botfactory.accounts.service;

import app.botfactory.accounts.config.AccountConfig;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.core.WorkerExecutor;
import jakarta.enterprise.context.ApplicationScoped;
import org.bouncycastle.crypto.generators.Argon2BytesGenerator;
import org.bouncycastle.crypto.params.Argon2Parameters;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;

@ApplicationScoped
public class PasswordHasher {

    private static final int SALT_BYTES = 16;
    private static final int HASH_BYTES = 32;
    private static final Base64.Encoder B64 = Base64.getEncoder().withoutPadding();
    private static final Base64.Decoder B64D = Base64.getDecoder();

    private final SecureRandom random = new SecureRandom();
    private final int memoryKib;
    private final int iterations;
    private final int parallelism;
    /** Verified against when the email is unknown, so both failures cost the same time. */
    private final String decoyHash;

    private final WorkerExecutor workers;

    public PasswordHasher(AccountConfig config, Vertx vertx) {
        this.workers = vertx.createSharedWorkerExecutor("password-hashing",
                Math.max(1, Runtime.getRuntime().availableProcessors()));
        this.memoryKib = config.password().memoryKib();
        this.iterations = config.password().iterations();
        this.parallelism = config.password().parallelism();
        this.decoyHash = hash("decoy-password-" + random.nextLong());
    }

    /** Hashes off the event loop; the result comes back on the caller's Vert.x context. */
    public Uni<String> hashAsync(String password) {
        return workers.executeBlocking(Uni.createFrom().item(() -> hash(password)), false);
    }

    /** Verifies off the event loop; a null hash (unknown account) costs the same and fails. */
    public Uni<Boolean> verifyAsync(String password, String phc) {
        return workers.executeBlocking(Uni.createFrom().item(() -> phc == null ? verifyDecoy(password)
                : verify(password, phc)), false);
    }

    public String hash(String password) {
        byte[] salt = new byte[SALT_BYTES];
        random.nextBytes(salt);
        byte[] out = derive(password, salt, memoryKib, iterations, parallelism, HASH_BYTES);
        return "$argon2id$v=19$m=" + memoryKib + ",t=" + iterations + ",p=" + parallelism
                + "$" + B64.encodeToString(salt) + "$" + B64.encodeToString(out);
    }

    /** Constant-time check of a password against a stored PHC string; false for anything malformed. */
    public boolean verify(String password, String phc) {
        String[] parts = phc.split("\\$");
        if (parts.length != 6 || !"argon2id".equals(parts[1])) {
            return false;
        }
        try {
            int m = 0;
            int t = 0;
            int p = 0;
            for (String kv : parts[3].split(",")) {
                int value = Integer.parseInt(kv.substring(2));
                switch (kv.charAt(0)) {
                    case 'm' -> m = value;
                    case 't' -> t = value;
                    case 'p' -> p = value;
                    default -> {
                        return false;
                    }
                }
            }
            byte[] salt = B64D.decode(parts[4]);
            byte[] expected = B64D.decode(parts[5]);
            byte[] actual = derive(password, salt, m, t, p, expected.length);
            return MessageDigest.isEqual(expected, actual);
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    /** Spends the same work as a real verification and always fails. */
    public boolean verifyDecoy(String password) {
        verify(password, decoyHash);
        return false;
    }

    private static byte[] derive(String password, byte[] salt, int m, int t, int p, int length) {
        Argon2Parameters params = new Argon2Parameters.Builder(Argon2Parameters.ARGON2_id)
                .withVersion(Argon2Parameters.ARGON2_VERSION_13)
                .withMemoryAsKB(m)
                .withIterations(t)
                .withParallelism(p)
                .withSalt(salt)
                .build();
        Argon2BytesGenerator generator = new Argon2BytesGenerator();
        generator.init(params);
        byte[] out = new byte[length];
        generator.generateBytes(password.getBytes(StandardCharsets.UTF_8), out);
        return out;
    }
}

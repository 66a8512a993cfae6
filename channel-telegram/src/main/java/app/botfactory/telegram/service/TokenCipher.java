// Seals bot tokens at rest with AES-256-GCM under BOTFACTORY_SECRET_KEY (random 96-bit IV per
// token, stored as base64(iv || ciphertext+tag)). A tampered or foreign ciphertext fails to open.
package app.botfactory.telegram.service;

import app.botfactory.telegram.config.TelegramConfig;
import jakarta.enterprise.context.ApplicationScoped;

import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;

@ApplicationScoped
public class TokenCipher {

    private static final int IV_BYTES = 12;
    private static final int TAG_BITS = 128;

    private final SecretKeySpec key;
    private final SecureRandom random = new SecureRandom();

    public TokenCipher(TelegramConfig config) {
        this.key = new SecretKeySpec(keyBytes(config.secretKey()), "AES");
    }

    public String seal(String token) {
        try {
            byte[] iv = new byte[IV_BYTES];
            random.nextBytes(iv);
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, iv));
            byte[] sealed = cipher.doFinal(token.getBytes(StandardCharsets.UTF_8));
            return Base64.getEncoder().encodeToString(ByteBuffer.allocate(iv.length + sealed.length)
                    .put(iv).put(sealed).array());
        } catch (Exception e) {
            throw new IllegalStateException("token sealing failed");
        }
    }

    public String open(String sealed) {
        try {
            byte[] all = Base64.getDecoder().decode(sealed);
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, all, 0, IV_BYTES));
            return new String(cipher.doFinal(all, IV_BYTES, all.length - IV_BYTES), StandardCharsets.UTF_8);
        } catch (Exception e) {
            // No detail on purpose: the message must not help anyone probing ciphertexts.
            throw new IllegalStateException("stored Telegram token could not be opened (wrong BOTFACTORY_SECRET_KEY?)");
        }
    }

    /** 32 bytes from base64, or SHA-256 of whatever string the operator chose. */
    private static byte[] keyBytes(String configured) {
        if (configured == null || configured.isBlank()) {
            throw new IllegalStateException("BOTFACTORY_SECRET_KEY is not set: channel tokens cannot be stored");
        }
        try {
            byte[] decoded = Base64.getDecoder().decode(configured.trim());
            if (decoded.length == 32) {
                return decoded;
            }
        } catch (IllegalArgumentException notBase64) {
            // fall through to hashing
        }
        try {
            return MessageDigest.getInstance("SHA-256").digest(configured.getBytes(StandardCharsets.UTF_8));
        } catch (Exception e) {
            throw new IllegalStateException("SHA-256 unavailable", e);
        }
    }
}

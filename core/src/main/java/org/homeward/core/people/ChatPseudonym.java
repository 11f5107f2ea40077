package org.homeward.core.people;

import java.nio.ByteBuffer;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * How a chat appears in the logs: a keyed pseudonym (HMAC-SHA256 of the chat id, 12 hex digits), never the
 * Telegram id, which is personal data. The same person keeps the same pseudonym while the key stays, so their
 * lines can be followed; without the key, the pseudonym cannot be turned back into an id. Until {@link #useKey}
 * is called the key is random for this process.
 */
public final class ChatPseudonym {
    /** The shortest key accepted, in bytes. */
    public static final int MIN_KEY_BYTES = 16;

    private static volatile SecretKeySpec key = randomKey();
    private static final ThreadLocal<Mac> MAC = ThreadLocal.withInitial(() -> {
        try {
            return Mac.getInstance("HmacSHA256");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is missing from this JDK", e);
        }
    });

    private ChatPseudonym() {}

    /** Uses {@code secret} from now on (set once at start, from configuration or the key file in DATA_DIR). */
    public static void useKey(byte[] secret) {
        if (secret.length < MIN_KEY_BYTES) {
            throw new IllegalArgumentException("a pseudonym key needs at least " + MIN_KEY_BYTES + " bytes");
        }
        key = new SecretKeySpec(secret.clone(), "HmacSHA256");
    }

    /** A new random key of 32 bytes, for a key file. */
    public static byte[] newKey() {
        byte[] secret = new byte[32];
        new SecureRandom().nextBytes(secret);
        return secret;
    }

    /** The chat's pseudonym for log lines, e.g. {@code c-3f9a01b2c4d5}. */
    public static String of(long chatId) {
        Mac mac = MAC.get();
        try {
            mac.init(key);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
        byte[] digest = mac.doFinal(ByteBuffer.allocate(Long.BYTES).putLong(chatId).array());
        return "c-" + HexFormat.of().formatHex(digest, 0, 6);
    }

    private static SecretKeySpec randomKey() {
        return new SecretKeySpec(newKey(), "HmacSHA256");
    }
}

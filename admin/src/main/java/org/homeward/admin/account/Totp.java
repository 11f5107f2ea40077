package org.homeward.admin.account;

import com.eatthepath.otp.TimeBasedOneTimePasswordGenerator;
import io.nayuki.qrcodegen.QrCode;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.OptionalLong;
import javax.crypto.spec.SecretKeySpec;
import org.apache.commons.codec.binary.Base32;

/**
 * TOTP second factor (RFC 6238) as authenticator apps do it: SHA-1, 6 digits, 30-second steps, a 160-bit secret
 * in Base32. A code is accepted one step early or late (clocks drift), and never twice.
 */
public final class Totp {
    private static final Duration STEP = Duration.ofSeconds(30);
    private static final TimeBasedOneTimePasswordGenerator GENERATOR = new TimeBasedOneTimePasswordGenerator(STEP, 6);
    private static final SecureRandom RANDOM = new SecureRandom();

    private Totp() {}

    /** A new random secret, Base32 without padding. */
    public static String newSecret() {
        byte[] bytes = new byte[20];
        RANDOM.nextBytes(bytes);
        return new Base32().encodeToString(bytes).replace("=", "");
    }

    /** The code for {@code secret} at {@code when}: for tests and nothing else. */
    public static String code(String secret, Instant when) {
        try {
            return GENERATOR.generateOneTimePasswordString(key(secret), when);
        } catch (InvalidKeyException e) {
            throw new IllegalArgumentException("not a TOTP secret", e);
        }
    }

    /**
     * The time step at which {@code code} is right for {@code secret} around {@code now}, later than
     * {@code lastStep} (a code is used once), or empty.
     */
    public static OptionalLong verify(String secret, String code, Instant now, long lastStep) {
        String typed = code == null ? "" : code.replaceAll("\\s", "");
        if (!typed.matches("[0-9]{6}")) {
            return OptionalLong.empty();
        }
        long step = now.getEpochSecond() / STEP.toSeconds();
        for (long s = step - 1; s <= step + 1; s++) {
            if (s > lastStep && code(secret, Instant.ofEpochSecond(s * STEP.toSeconds())).equals(typed)) {
                return OptionalLong.of(s);
            }
        }
        return OptionalLong.empty();
    }

    /** The otpauth:// URI authenticator apps read (https://github.com/google/google-authenticator/wiki/Key-Uri-Format). */
    public static String uri(String secret, String email) {
        String label = URLEncoder.encode("Homeward:" + email, StandardCharsets.UTF_8).replace("+", "%20");
        return "otpauth://totp/" + label + "?secret=" + secret + "&issuer=Homeward&algorithm=SHA1&digits=6&period=30";
    }

    /** The URI as a QR code in SVG, drawn by us from the code's modules (no script, nothing inline to run). */
    public static String qrSvg(String uri) {
        QrCode qr = QrCode.encodeText(uri, QrCode.Ecc.MEDIUM);
        int border = 4;
        int size = qr.size + border * 2;
        StringBuilder path = new StringBuilder();
        for (int y = 0; y < qr.size; y++) {
            for (int x = 0; x < qr.size; x++) {
                if (qr.getModule(x, y)) {
                    path.append('M').append(x + border).append(',').append(y + border).append("h1v1h-1z");
                }
            }
        }
        return "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 " + size + " " + size
                + "\" class=\"qr\" role=\"img\" shape-rendering=\"crispEdges\"><rect width=\"100%\" height=\"100%\" fill=\"#fff\"/>"
                + "<path d=\"" + path + "\" fill=\"#000\"/></svg>";
    }

    private static SecretKeySpec key(String secret) {
        return new SecretKeySpec(new Base32().decode(secret), GENERATOR.getAlgorithm());
    }
}

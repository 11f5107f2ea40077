package org.homeward.admin.account;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.Locale;
import java.util.Set;

/**
 * What a new password must be (OWASP ASVS 5.0, 6.2): at least 12 characters, at most 128, not one of the most
 * common passwords (also with digits or signs added at the end), not the email. No rules about character kinds:
 * a long phrase is better than a short jumble.
 */
public final class PasswordPolicy {
    /** In characters (code points). */
    public static final int MIN_LENGTH = 12;
    public static final int MAX_LENGTH = 128;
    private static final Set<String> COMMON = load();

    private PasswordPolicy() {}

    /** The key of the text saying what is wrong with {@code password} for the member {@code email}, or null. */
    public static String problem(String password, String email) {
        int length = password.codePointCount(0, password.length());
        if (length < MIN_LENGTH) {
            return "password.too_short";
        }
        if (length > MAX_LENGTH) {
            return "password.too_long";
        }
        String lower = password.toLowerCase(Locale.ROOT).strip();
        String base = lower.replaceAll("[\\d\\p{Punct}\\s]+$", "");
        if (COMMON.contains(lower) || (base.length() >= 4 && COMMON.contains(base))) {
            return "password.common";
        }
        if (email != null && !email.isEmpty()) {
            String local = email.toLowerCase(Locale.ROOT).split("@")[0];
            if (lower.contains(email.toLowerCase(Locale.ROOT)) || (local.length() >= 4 && lower.contains(local))) {
                return "password.contains_email";
            }
        }
        return null;
    }

    private static Set<String> load() {
        Set<String> common = new HashSet<>();
        try (var in = PasswordPolicy.class.getResourceAsStream("common-passwords.txt");
                var lines = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                if (!line.isBlank() && !line.startsWith("#")) {
                    common.add(line.strip());
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("common-passwords.txt", e);
        }
        return Set.copyOf(common);
    }
}

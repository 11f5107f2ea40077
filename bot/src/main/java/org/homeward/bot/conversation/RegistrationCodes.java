package org.homeward.bot.conversation;

import java.security.SecureRandom;
import java.util.random.RandomGenerator;

/**
 * Short registration codes such as {@code K7M-42P}, read out over the phone: no look-alike characters
 * (0/O, 1/I/L), and a dash in the middle so it is read in two halves.
 */
final class RegistrationCodes {
    static final String ALPHABET = "23456789ABCDEFGHJKMNPQRSTUVWXYZ";

    private final RandomGenerator random;

    RegistrationCodes(RandomGenerator random) {
        this.random = random;
    }

    RegistrationCodes() {
        this(new SecureRandom());
    }

    /** A new code; uniqueness is the database's to check (the caller retries on a clash). */
    String next() {
        StringBuilder code = new StringBuilder(7);
        for (int i = 0; i < 6; i++) {
            if (i == 3) {
                code.append('-');
            }
            code.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
        }
        return code.toString();
    }
}

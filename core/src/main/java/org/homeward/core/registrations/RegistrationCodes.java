package org.homeward.core.registrations;

import java.security.SecureRandom;
import java.util.random.RandomGenerator;

/**
 * Short registration codes such as {@code K7M-42P}, read out over the phone: no look-alike characters
 * (0/O, 1/I/L), and a dash in the middle so it is read in two halves.
 */
public final class RegistrationCodes {
    /** The characters a code is made of. */
    public static final String ALPHABET = "23456789ABCDEFGHJKMNPQRSTUVWXYZ";

    private static final SecureRandom SECURE = new SecureRandom();

    private final RandomGenerator random;

    /** Codes drawn from {@code random} (tests pass a seeded one). */
    public RegistrationCodes(RandomGenerator random) {
        this.random = random;
    }

    /** Codes drawn from a shared {@link SecureRandom}: a code must not be guessable. */
    public RegistrationCodes() {
        this(SECURE);
    }

    /** A new code; uniqueness is the database's to check (the caller retries on a clash). */
    public String next() {
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

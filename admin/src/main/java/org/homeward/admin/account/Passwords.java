package org.homeward.admin.account;

import com.password4j.Argon2Function;
import com.password4j.Password;
import com.password4j.types.Argon2;

/**
 * Password hashes: Argon2id with parameters set here, never taken from a properties file, at least OWASP's
 * (https://cheatsheetseries.owasp.org/cheatsheets/Password_Storage_Cheat_Sheet.html: m=19456 KiB, t=2, p=1).
 * A hash made with weaker parameters is replaced at the member's next login.
 */
public final class Passwords {
    private static final int SALT_BYTES = 16;
    private static final int HASH_BYTES = 32;

    private final Argon2Function argon2;
    private final String dummyHash;

    /** Hashes with these parameters (memory in KiB). */
    public Passwords(int memoryKib, int iterations, int parallelism) {
        this.argon2 = Argon2Function.getInstance(memoryKib, iterations, parallelism, HASH_BYTES, Argon2.ID,
                Argon2Function.ARGON2_VERSION_13);
        this.dummyHash = hash("homeward-no-such-account");
    }

    /** OWASP's minimum for Argon2id: m=19456 KiB, t=2, p=1. */
    public static Passwords owasp() {
        return new Passwords(19456, 2, 1);
    }

    /** A new PHC string: $argon2id$v=19$m=…,t=…,p=…$salt$hash. */
    public String hash(String password) {
        return Password.hash(password).addRandomSalt(SALT_BYTES).with(argon2).getResult();
    }

    /** True when {@code password} matches {@code stored}; with no stored hash it still takes as long, then says no. */
    public boolean verify(String password, String stored) {
        if (stored == null) {
            Argon2Function.getInstanceFromHash(dummyHash).check(password, dummyHash);
            return false;
        }
        try {
            return Argon2Function.getInstanceFromHash(stored).check(password, stored);
        } catch (RuntimeException e) {
            return false; // not a hash of ours
        }
    }

    /** True when {@code stored} was made with weaker parameters than today's, so it is made again at login. */
    public boolean needsRehash(String stored) {
        Argon2Function used;
        try {
            used = Argon2Function.getInstanceFromHash(stored);
        } catch (RuntimeException e) {
            return true;
        }
        return used.getVariant() != Argon2.ID || used.getMemory() < argon2.getMemory()
                || used.getIterations() < argon2.getIterations() || used.getParallelism() < argon2.getParallelism()
                || used.getVersion() < argon2.getVersion();
    }
}

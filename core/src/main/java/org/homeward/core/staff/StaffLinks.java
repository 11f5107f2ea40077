package org.homeward.core.staff;

import static org.homeward.db.jooq.Tables.STAFF_ACCOUNT;
import static org.homeward.db.jooq.Tables.STAFF_LINK_CODE;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;
import org.jooq.DSLContext;

/**
 * A staff member's own Telegram chat, linked by sending the bot a one-time code shown in the admin app. Only the
 * SHA-256 of a code is stored; a code lasts 15 minutes and works once. Works on the caller's transaction.
 */
public final class StaffLinks {
    /** How long a code works. */
    public static final Duration CODE_LIFETIME = Duration.ofMinutes(15);
    /** No look-alike characters (0/O, 1/I/L, 2/Z, 5/S, 8/B): a code is read off one screen and typed on another. */
    private static final String ALPHABET = "ACDEFGHJKMNPQRTUVWXY34679";
    /**
     * HW-XXXX-XXXX in any case (dashes or spaces between the groups), spaces around it tolerated. Only the code's
     * own alphabet and the separators match: a document number typed into the questionnaire ("HW12345678") is an
     * answer, never taken for a code.
     */
    private static final Pattern CODE = Pattern.compile("(?i)\\s*(?:/start\\s+)?HW[-\\s]([" + ALPHABET + "]{4})[-\\s]([" + ALPHABET
            + "]{4})\\s*");
    /**
     * The shape alone, any letters and digits: a mistyped code (an 8 for a B, say) is answered "this code does not
     * fit" rather than taken for an answer to whatever the chat was asked.
     */
    private static final Pattern SHAPE = Pattern.compile("(?i)\\s*(?:/start\\s+)?HW[-\\s][A-Z0-9]{4}[-\\s][A-Z0-9]{4}\\s*");
    private static final SecureRandom RANDOM = new SecureRandom();

    private final DSLContext tx;

    /** Links read and written in {@code tx}. */
    public StaffLinks(DSLContext tx) {
        this.tx = tx;
    }

    /** What became of a message that looked like a link code. */
    public enum Linked {
        /** The chat is now the member's; the code is used up. */
        LINKED,
        /** Looks like a code, but none such is valid now (unknown, used, expired, or its member disabled). */
        WRONG,
        /** Not a link code at all: the conversation goes on as usual. */
        NOT_A_CODE
    }

    /** A new code for {@code accountId}, shown once; earlier unused codes of the member stop working. */
    public String newCode(long accountId, Instant now) {
        StringBuilder code = new StringBuilder("HW-");
        for (int i = 0; i < 8; i++) {
            if (i == 4) {
                code.append('-');
            }
            code.append(ALPHABET.charAt(RANDOM.nextInt(ALPHABET.length())));
        }
        tx.deleteFrom(STAFF_LINK_CODE).where(STAFF_LINK_CODE.ACCOUNT_ID.eq(accountId)).execute();
        tx.insertInto(STAFF_LINK_CODE)
                .set(STAFF_LINK_CODE.CODE_HASH, hash(code.toString()))
                .set(STAFF_LINK_CODE.ACCOUNT_ID, accountId)
                .set(STAFF_LINK_CODE.CREATED_AT, now)
                .set(STAFF_LINK_CODE.EXPIRES_AT, now.plus(CODE_LIFETIME))
                .execute();
        return code.toString();
    }

    /** True when {@code text} has the shape of a link code (or "/start" and one). */
    public static boolean looksLikeCode(String text) {
        return text != null && SHAPE.matcher(text).matches();
    }

    /**
     * Links {@code chatId} to the member whose valid code {@code text} is, and burns the code. A chat linked to
     * another member before moves to this one.
     */
    public Linked consume(String text, long chatId, Instant now) {
        if (text == null) {
            return Linked.NOT_A_CODE;
        }
        var m = CODE.matcher(text);
        if (!m.matches()) {
            return SHAPE.matcher(text).matches() ? Linked.WRONG : Linked.NOT_A_CODE;
        }
        String code = ("HW-" + m.group(1) + "-" + m.group(2)).toUpperCase(Locale.ROOT);
        var row = tx.update(STAFF_LINK_CODE).set(STAFF_LINK_CODE.USED_AT, now)
                .where(STAFF_LINK_CODE.CODE_HASH.eq(hash(code)))
                .and(STAFF_LINK_CODE.USED_AT.isNull())
                .and(STAFF_LINK_CODE.EXPIRES_AT.gt(now))
                .returning(STAFF_LINK_CODE.ACCOUNT_ID).fetchOne();
        if (row == null) {
            return Linked.WRONG;
        }
        long account = row.getAccountId();
        tx.update(STAFF_ACCOUNT).setNull(STAFF_ACCOUNT.TELEGRAM_CHAT_ID)
                .where(STAFF_ACCOUNT.TELEGRAM_CHAT_ID.eq(chatId)).and(STAFF_ACCOUNT.ID.ne(account)).execute();
        int linked = tx.update(STAFF_ACCOUNT).set(STAFF_ACCOUNT.TELEGRAM_CHAT_ID, chatId)
                .where(STAFF_ACCOUNT.ID.eq(account)).and(STAFF_ACCOUNT.DISABLED_AT.isNull()).execute();
        return linked == 1 ? Linked.LINKED : Linked.WRONG;
    }

    /** The member's linked chat, if any. */
    public Optional<Long> chat(long accountId) {
        return Optional.ofNullable(tx.select(STAFF_ACCOUNT.TELEGRAM_CHAT_ID).from(STAFF_ACCOUNT)
                .where(STAFF_ACCOUNT.ID.eq(accountId)).fetchOne(STAFF_ACCOUNT.TELEGRAM_CHAT_ID));
    }

    /** Forgets the member's linked chat; true when there was one. */
    public boolean unlink(long accountId) {
        return tx.update(STAFF_ACCOUNT).setNull(STAFF_ACCOUNT.TELEGRAM_CHAT_ID)
                .where(STAFF_ACCOUNT.ID.eq(accountId)).and(STAFF_ACCOUNT.TELEGRAM_CHAT_ID.isNotNull()).execute() == 1;
    }

    private static byte[] hash(String code) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(code.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}

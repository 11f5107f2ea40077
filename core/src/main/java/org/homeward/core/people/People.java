package org.homeward.core.people;

import static org.homeward.db.jooq.Tables.DELETION_STATS;
import static org.homeward.db.jooq.Tables.TELEGRAM_USER;

import java.time.Instant;
import java.time.LocalDate;
import org.homeward.db.enums.UnreachableReason;
import org.homeward.db.jooq.tables.records.TelegramUserRecord;
import org.homeward.i18n.Language;
import org.jooq.DSLContext;
import org.jooq.impl.DSL;

/**
 * The people who write to the bot: their chat, language, consent and its version, reachability, and erasure.
 * Works on the caller's transaction.
 */
public final class People {
    /**
     * How many times a day one chat may be told that a document or phone is on someone else's registration; after
     * that it is only given the hotline, so the bot cannot be used to find out which numbers are registered.
     */
    public static final int DUPLICATE_ANSWERS_PER_DAY = 3;

    private final DSLContext tx;

    /** People read and written in {@code tx}. */
    public People(DSLContext tx) {
        this.tx = tx;
    }

    /** Records that the person wrote now, creating them on first contact; returns the row as it now is. */
    public TelegramUserRecord touch(long chatId, Instant now) {
        // One round trip: the upsert returns the row as it now is.
        return tx.insertInto(TELEGRAM_USER)
                .set(TELEGRAM_USER.CHAT_ID, chatId)
                .set(TELEGRAM_USER.CREATED_AT, now)
                .set(TELEGRAM_USER.LAST_SEEN_AT, now)
                .onConflict(TELEGRAM_USER.CHAT_ID)
                .doUpdate()
                .set(TELEGRAM_USER.LAST_SEEN_AT, now)
                // Writing again means they unblocked the bot: proactive messages reach them again (the outbox).
                .setNull(TELEGRAM_USER.UNREACHABLE_AT)
                .setNull(TELEGRAM_USER.UNREACHABLE_REASON)
                .returning()
                .fetchSingle();
    }

    /**
     * Telegram says the person blocked the bot or cannot be written to: proactive messages skip them until they
     * write again. Someone the bot does not know is not recorded.
     */
    public void markUnreachable(long chatId, UnreachableReason reason, Instant now) {
        tx.update(TELEGRAM_USER)
                .set(TELEGRAM_USER.UNREACHABLE_AT, now)
                .set(TELEGRAM_USER.UNREACHABLE_REASON, reason)
                .where(TELEGRAM_USER.CHAT_ID.eq(chatId))
                .and(TELEGRAM_USER.UNREACHABLE_AT.isNull())
                .execute();
    }

    /** The person unblocked the bot: reachable again (someone the bot does not know is not recorded). */
    public void markReachable(long chatId) {
        tx.update(TELEGRAM_USER)
                .setNull(TELEGRAM_USER.UNREACHABLE_AT)
                .setNull(TELEGRAM_USER.UNREACHABLE_REASON)
                .where(TELEGRAM_USER.CHAT_ID.eq(chatId))
                .and(TELEGRAM_USER.UNREACHABLE_AT.isNotNull())
                .execute();
    }

    /** The language the person chose. */
    public void setLanguage(long chatId, Language language) {
        tx.update(TELEGRAM_USER).set(TELEGRAM_USER.LANGUAGE, language.code())
                .where(TELEGRAM_USER.CHAT_ID.eq(chatId)).execute();
    }

    /** Consent to version {@code version} of the privacy notice, given now. */
    public void consent(long chatId, int version, Instant now) {
        tx.update(TELEGRAM_USER)
                .set(TELEGRAM_USER.CONSENT_VERSION, version)
                .set(TELEGRAM_USER.CONSENT_AT, now)
                .setNull(TELEGRAM_USER.CONSENT_DECLINED_AT)
                .where(TELEGRAM_USER.CHAT_ID.eq(chatId))
                .execute();
    }

    /** The person declined the notice (they may still read requirements and departures). */
    public void decline(long chatId, Instant now) {
        tx.update(TELEGRAM_USER)
                .setNull(TELEGRAM_USER.CONSENT_VERSION)
                .setNull(TELEGRAM_USER.CONSENT_AT)
                .set(TELEGRAM_USER.CONSENT_DECLINED_AT, now)
                .where(TELEGRAM_USER.CHAT_ID.eq(chatId))
                .execute();
    }

    /** Counts one more "already registered by someone else" answer to the chat today; returns today's count. */
    public int countDuplicateAnswer(long chatId, LocalDate today) {
        Short count = tx.update(TELEGRAM_USER)
                .set(TELEGRAM_USER.DUPLICATE_ANSWERS, DSL.when(TELEGRAM_USER.DUPLICATE_ANSWERS_ON.eq(today),
                        DSL.least(TELEGRAM_USER.DUPLICATE_ANSWERS.plus((short) 1), DSL.val((short) 1000)))
                        .otherwise((short) 1))
                .set(TELEGRAM_USER.DUPLICATE_ANSWERS_ON, today)
                .where(TELEGRAM_USER.CHAT_ID.eq(chatId))
                .returningResult(TELEGRAM_USER.DUPLICATE_ANSWERS)
                .fetchOne(TELEGRAM_USER.DUPLICATE_ANSWERS);
        return count == null ? 0 : count;
    }

    /** True while the chat may still be told that a number is already registered today. */
    public static boolean mayBeToldOfDuplicates(int answersToday) {
        return answersToday <= DUPLICATE_ANSWERS_PER_DAY;
    }

    /**
     * Erases everything stored about the person: the user row cascades to their conversation, registrations,
     * travellers, assignments, answers and queued messages. Only an anonymous count per day remains. (The
     * transport's inbox is the bot's to clear, in the same transaction.)
     */
    public void erase(long chatId, LocalDate today) {
        tx.deleteFrom(TELEGRAM_USER).where(TELEGRAM_USER.CHAT_ID.eq(chatId)).execute();
        tx.insertInto(DELETION_STATS).set(DELETION_STATS.DAY, today).set(DELETION_STATS.COUNT, 1)
                .onConflict(DELETION_STATS.DAY).doUpdate().set(DELETION_STATS.COUNT, DELETION_STATS.COUNT.plus(1))
                .execute();
    }
}

package org.homeward.admin.web;

import static org.homeward.db.jooq.Tables.STAFF_ACCOUNT;
import static org.homeward.db.jooq.Tables.STAFF_SESSION;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.homeward.db.Database;
import org.homeward.i18n.StaffLanguage;
import org.jooq.DSLContext;
import org.jooq.Record;

/**
 * Sessions kept in PostgreSQL, so they survive a restart and hold on every instance behind a load balancer. The
 * cookie carries a random id; only its SHA-256 is stored. Timeouts follow OWASP ASVS level 2: 30 minutes idle,
 * 12 hours at most from login.
 */
final class Sessions {
    static final Duration IDLE = Duration.ofMinutes(30);
    static final Duration ABSOLUTE = Duration.ofHours(12);
    /** last_seen_at is written at most this often, not on every request. */
    private static final Duration TOUCH = Duration.ofMinutes(1);

    private final Database database;
    /** When expired sessions were last removed (this instance's clock; any instance may remove them). */
    private final java.util.concurrent.atomic.AtomicReference<Instant> lastPurge =
            new java.util.concurrent.atomic.AtomicReference<>(Instant.EPOCH);

    Sessions(Database database) {
        this.database = database;
    }

    /** The session with this cookie value, if it exists, has not timed out and its account is not disabled. */
    Optional<Session> find(String cookieValue, Instant now) {
        if (cookieValue == null || cookieValue.isEmpty() || cookieValue.length() > 100) {
            return Optional.empty();
        }
        byte[] idHash = Tokens.sha256(cookieValue);
        DSLContext dsl = database.dsl();
        Record row = dsl.select(STAFF_SESSION.fields())
                .select(STAFF_ACCOUNT.EMAIL, STAFF_ACCOUNT.ROLE, STAFF_ACCOUNT.LANGUAGE, STAFF_ACCOUNT.TOTP_SECRET,
                        STAFF_ACCOUNT.DISABLED_AT)
                .from(STAFF_SESSION)
                .leftJoin(STAFF_ACCOUNT).on(STAFF_ACCOUNT.ID.eq(STAFF_SESSION.ACCOUNT_ID))
                .where(STAFF_SESSION.ID_HASH.eq(idHash))
                .fetchOne();
        if (row == null) {
            return Optional.empty();
        }
        Instant created = row.get(STAFF_SESSION.CREATED_AT);
        Instant seen = row.get(STAFF_SESSION.LAST_SEEN_AT);
        Long accountId = row.get(STAFF_SESSION.ACCOUNT_ID);
        boolean expired = seen.plus(IDLE).isBefore(now) || created.plus(ABSOLUTE).isBefore(now);
        boolean disabled = accountId != null && row.get(STAFF_ACCOUNT.DISABLED_AT) != null;
        if (expired || disabled) {
            delete(idHash);
            return Optional.empty();
        }
        if (seen.plus(TOUCH).isBefore(now)) {
            dsl.update(STAFF_SESSION).set(STAFF_SESSION.LAST_SEEN_AT, now)
                    .where(STAFF_SESSION.ID_HASH.eq(idHash)).execute();
        }
        Stage stage = Stage.fromCode(row.get(STAFF_SESSION.STAGE));
        return Optional.of(new Session(idHash, accountId, row.get(STAFF_ACCOUNT.EMAIL),
                accountId == null ? null : Role.fromCode(row.get(STAFF_ACCOUNT.ROLE)).orElseThrow(),
                accountId == null ? null : StaffLanguage.fromCode(row.get(STAFF_ACCOUNT.LANGUAGE)).orElseThrow(),
                stage, row.get(STAFF_SESSION.CSRF_TOKEN), row.get(STAFF_ACCOUNT.TOTP_SECRET) != null, created));
    }

    /** A new session with a new id and a new CSRF token; returns the cookie value. */
    String create(Long accountId, Stage stage, Instant now) {
        String id = Tokens.random();
        database.dsl().insertInto(STAFF_SESSION)
                .set(STAFF_SESSION.ID_HASH, Tokens.sha256(id))
                .set(STAFF_SESSION.ACCOUNT_ID, accountId)
                .set(STAFF_SESSION.STAGE, stage.code())
                .set(STAFF_SESSION.CSRF_TOKEN, Tokens.random())
                .set(STAFF_SESSION.CREATED_AT, now)
                .set(STAFF_SESSION.LAST_SEEN_AT, now)
                .execute();
        return id;
    }

    void delete(byte[] idHash) {
        database.dsl().deleteFrom(STAFF_SESSION).where(STAFF_SESSION.ID_HASH.eq(idHash)).execute();
    }

    /** {@link #purgeExpired} unless this instance ran it within the last minute. */
    void purgeExpiredNowAndThen(Instant now) {
        Instant last = lastPurge.get();
        if (last.plus(TOUCH).isBefore(now) && lastPurge.compareAndSet(last, now)) {
            purgeExpired(now);
        }
    }

    /** Removes sessions that have timed out: run now and then, so visitors' sessions do not pile up. */
    void purgeExpired(Instant now) {
        database.dsl().deleteFrom(STAFF_SESSION)
                .where(STAFF_SESSION.LAST_SEEN_AT.lt(now.minus(IDLE)))
                .or(STAFF_SESSION.CREATED_AT.lt(now.minus(ABSOLUTE)))
                .execute();
    }
}

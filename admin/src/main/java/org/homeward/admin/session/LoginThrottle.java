package org.homeward.admin.session;

import static org.homeward.db.jooq.Tables.LOGIN_THROTTLE;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.homeward.db.Database;
import org.jooq.DSLContext;

/**
 * The failed-login limit, per account and per network address, kept in PostgreSQL so every instance shares it.
 * After a few free failures each further one makes the next attempt wait, twice as long each time, up to a short
 * cap: a guesser gets a few attempts a minute at most, while the real member is never locked out for long (OWASP
 * ASVS 5.0, 6.3.1). Failures are forgotten after a quiet {@link #WINDOW}; a successful login clears its account's.
 */
final class LoginThrottle {
    /** A kind of key: how many failures are free and how long the wait grows at most. */
    record Rule(String prefix, int free, Duration cap) {
        String key(String value) {
            return prefix + value;
        }

        Duration delay(int failures) {
            if (failures <= free) {
                return Duration.ZERO;
            }
            int doublings = Math.min(failures - free - 1, 20);
            Duration d = Duration.ofSeconds(1L << doublings);
            return d.compareTo(cap) > 0 ? cap : d;
        }
    }

    static final Rule ACCOUNT = new Rule("account:", 5, Duration.ofMinutes(1));
    // Staff at a border post may share one address: many more free failures, a longer cap.
    static final Rule ADDRESS = new Rule("address:", 30, Duration.ofMinutes(5));
    static final Duration WINDOW = Duration.ofMinutes(15);

    private final Database database;

    LoginThrottle(Database database) {
        this.database = database;
    }

    /** How long until another attempt is allowed for these keys (zero: now). */
    Duration wait(List<String> keys, Instant now) {
        Instant until = database.dsl().select(LOGIN_THROTTLE.BLOCKED_UNTIL).from(LOGIN_THROTTLE)
                .where(LOGIN_THROTTLE.KEY.in(keys)).and(LOGIN_THROTTLE.BLOCKED_UNTIL.gt(now))
                .orderBy(LOGIN_THROTTLE.BLOCKED_UNTIL.desc()).limit(1)
                .fetchOptional(LOGIN_THROTTLE.BLOCKED_UNTIL).orElse(null);
        return until == null ? Duration.ZERO : Duration.between(now, until);
    }

    /** Counts a failure against the account (as typed) and the address. */
    void fail(String account, String address, Instant now) {
        database.dsl().transaction(c -> {
            count(c.dsl(), ACCOUNT, account, now);
            count(c.dsl(), ADDRESS, address, now);
        });
    }

    /** Counts a failure against the account only (a wrong second-factor code). */
    void failAccount(String account, Instant now) {
        database.dsl().transaction(c -> count(c.dsl(), ACCOUNT, account, now));
    }

    /** A successful login clears its account's failures (not the address's: an attacker's own login would). */
    void succeed(String account) {
        database.dsl().deleteFrom(LOGIN_THROTTLE).where(LOGIN_THROTTLE.KEY.eq(ACCOUNT.key(account))).execute();
    }

    private static void count(DSLContext tx, Rule rule, String value, Instant now) {
        String key = rule.key(value);
        // Upsert under the row's lock: two instances counting at once both count.
        int failures = tx.insertInto(LOGIN_THROTTLE)
                .set(LOGIN_THROTTLE.KEY, key)
                .set(LOGIN_THROTTLE.FAILURES, 1)
                .set(LOGIN_THROTTLE.LAST_FAILURE_AT, now)
                .onConflict(LOGIN_THROTTLE.KEY).doUpdate()
                .set(LOGIN_THROTTLE.FAILURES, org.jooq.impl.DSL.when(
                        LOGIN_THROTTLE.LAST_FAILURE_AT.lt(now.minus(WINDOW)), 1)
                        .otherwise(LOGIN_THROTTLE.FAILURES.plus(1)))
                .set(LOGIN_THROTTLE.LAST_FAILURE_AT, now)
                .returning(LOGIN_THROTTLE.FAILURES).fetchOne().getFailures();
        Duration delay = rule.delay(failures);
        tx.update(LOGIN_THROTTLE)
                .set(LOGIN_THROTTLE.BLOCKED_UNTIL, delay.isZero() ? null : now.plus(delay))
                .where(LOGIN_THROTTLE.KEY.eq(key)).execute();
    }
}

package org.homeward.admin.account;

import static org.homeward.db.jooq.Tables.STAFF_ACCOUNT;
import static org.homeward.db.jooq.Tables.STAFF_INVITE;
import static org.homeward.db.jooq.Tables.STAFF_SESSION;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.homeward.admin.audit.AuditLog;
import org.homeward.admin.audit.AuditLog.Actor;
import org.homeward.admin.web.Role;
import org.homeward.admin.web.Tokens;
import org.homeward.db.Database;
import org.homeward.db.jooq.tables.records.StaffAccountRecord;
import org.homeward.i18n.StaffLanguage;
import org.jooq.DSLContext;
import org.jooq.impl.DSL;

/** Staff accounts: read, invite, change, disable. Every change is audited in its own transaction. */
public final class Accounts {
    /** How long an invitation link works. */
    public static final Duration INVITE_VALID = Duration.ofHours(72);
    private static final long FIRST_ADMIN_LOCK = 0x486f6d6577617265L;

    /** An account as read. */
    public record Account(long id, String email, Role role, StaffLanguage language, String passwordHash,
            String totpSecret, long totpLastStep, Instant disabledAt) {
        /** True unless disabled. */
        public boolean active() {
            return disabledAt == null;
        }

        /** Never the hash or the secret. */
        @Override
        public String toString() {
            return "Account[" + id + ", " + role + "]";
        }
    }

    private final Database database;

    public Accounts(Database database) {
        this.database = database;
    }

    /** Lower-case and trimmed: one address is one account however it is typed. */
    public static String normalEmail(String typed) {
        return typed == null ? "" : typed.strip().toLowerCase(Locale.ROOT);
    }

    /** True for something that can be an email address (one @, something either side, no spaces). */
    public static boolean plausibleEmail(String email) {
        return email.length() <= 254 && email.matches("[^@\\s]+@[^@\\s]+");
    }

    public Optional<Account> byEmail(String email) {
        return database.dsl().selectFrom(STAFF_ACCOUNT).where(STAFF_ACCOUNT.EMAIL.eq(normalEmail(email)))
                .fetchOptional(Accounts::account);
    }

    public Optional<Account> byId(long id) {
        return database.dsl().selectFrom(STAFF_ACCOUNT).where(STAFF_ACCOUNT.ID.eq(id)).fetchOptional(Accounts::account);
    }

    /** Every account, by email. */
    public List<Account> all() {
        return database.dsl().selectFrom(STAFF_ACCOUNT).orderBy(STAFF_ACCOUNT.EMAIL).fetch(Accounts::account);
    }

    /**
     * Creates the first admin when there is no account at all (several instances starting at once make one).
     *
     * @return true when this call created it
     */
    public boolean createFirstAdmin(String email, String passwordHash, Instant now) {
        return database.dsl().transactionResult(c -> {
            DSLContext tx = c.dsl();
            tx.execute("select pg_advisory_xact_lock(?)", FIRST_ADMIN_LOCK);
            if (tx.fetchExists(STAFF_ACCOUNT)) {
                return false;
            }
            long id = tx.insertInto(STAFF_ACCOUNT)
                    .set(STAFF_ACCOUNT.EMAIL, normalEmail(email))
                    .set(STAFF_ACCOUNT.ROLE, Role.ADMIN.code())
                    .set(STAFF_ACCOUNT.PASSWORD_HASH, passwordHash)
                    .set(STAFF_ACCOUNT.CREATED_AT, now)
                    .set(STAFF_ACCOUNT.UPDATED_AT, now)
                    .returning(STAFF_ACCOUNT.ID).fetchOne().getId();
            AuditLog.append(tx, now, new Actor(null, null, null), "account.first_admin", "account:" + id,
                    normalEmail(email));
            return true;
        });
    }

    /**
     * Creates an account without a password and a one-time link to set one; returns the link's token (shown once,
     * only its hash is kept), or empty when the email already has an account.
     */
    public Optional<String> invite(Actor actor, String email, Role role, StaffLanguage language, Instant now) {
        String token = Tokens.random();
        return database.dsl().transactionResult(c -> {
            DSLContext tx = c.dsl();
            var inserted = tx.insertInto(STAFF_ACCOUNT)
                    .set(STAFF_ACCOUNT.EMAIL, normalEmail(email))
                    .set(STAFF_ACCOUNT.ROLE, role.code())
                    .set(STAFF_ACCOUNT.LANGUAGE, language.code())
                    .set(STAFF_ACCOUNT.CREATED_AT, now)
                    .set(STAFF_ACCOUNT.UPDATED_AT, now)
                    .onConflictDoNothing()
                    .returning(STAFF_ACCOUNT.ID).fetchOptional();
            if (inserted.isEmpty()) {
                return Optional.<String>empty();
            }
            long id = inserted.get().getId();
            tx.insertInto(STAFF_INVITE)
                    .set(STAFF_INVITE.TOKEN_HASH, Tokens.sha256(token))
                    .set(STAFF_INVITE.ACCOUNT_ID, id)
                    .set(STAFF_INVITE.CREATED_BY, actor.accountId())
                    .set(STAFF_INVITE.CREATED_AT, now)
                    .set(STAFF_INVITE.EXPIRES_AT, now.plus(INVITE_VALID))
                    .execute();
            AuditLog.append(tx, now, actor, "account.invite", "account:" + id, normalEmail(email) + " " + role.code());
            return Optional.of(token);
        });
    }

    /** The account an unused, unexpired invitation is for, if the token is one and the account is active. */
    public Optional<Account> invited(String token, Instant now) {
        return database.dsl().select(STAFF_ACCOUNT.fields()).from(STAFF_INVITE)
                .join(STAFF_ACCOUNT).on(STAFF_ACCOUNT.ID.eq(STAFF_INVITE.ACCOUNT_ID))
                .where(STAFF_INVITE.TOKEN_HASH.eq(Tokens.sha256(token)))
                .and(STAFF_INVITE.USED_AT.isNull())
                .and(STAFF_INVITE.EXPIRES_AT.gt(now))
                .and(STAFF_ACCOUNT.DISABLED_AT.isNull())
                .fetchOptional(r -> account(r.into(STAFF_ACCOUNT)));
    }

    /** Sets the password through an invitation, once; false when the link is used, expired or unknown. */
    public boolean acceptInvite(String token, String passwordHash, String address, Instant now) {
        return database.dsl().transactionResult(c -> {
            DSLContext tx = c.dsl();
            var invite = tx.update(STAFF_INVITE).set(STAFF_INVITE.USED_AT, now)
                    .where(STAFF_INVITE.TOKEN_HASH.eq(Tokens.sha256(token)))
                    .and(STAFF_INVITE.USED_AT.isNull())
                    .and(STAFF_INVITE.EXPIRES_AT.gt(now))
                    .returning(STAFF_INVITE.ACCOUNT_ID).fetchOptional();
            if (invite.isEmpty()) {
                return false;
            }
            long id = invite.get().getAccountId();
            int updated = tx.update(STAFF_ACCOUNT).set(STAFF_ACCOUNT.PASSWORD_HASH, passwordHash)
                    .set(STAFF_ACCOUNT.UPDATED_AT, now)
                    .where(STAFF_ACCOUNT.ID.eq(id)).and(STAFF_ACCOUNT.DISABLED_AT.isNull()).execute();
            if (updated == 0) {
                return false;
            }
            String email = tx.select(STAFF_ACCOUNT.EMAIL).from(STAFF_ACCOUNT).where(STAFF_ACCOUNT.ID.eq(id)).fetchOne().value1();
            AuditLog.append(tx, now, new Actor(id, email, address), "account.password_set", "account:" + id, "invitation");
            return true;
        });
    }

    /** Changes a role; false when there is no such account. */
    public boolean changeRole(Actor actor, long id, Role role, Instant now) {
        return change(actor, id, now, "account.role", role.code(), tx -> tx.update(STAFF_ACCOUNT)
                .set(STAFF_ACCOUNT.ROLE, role.code()).set(STAFF_ACCOUNT.UPDATED_AT, now)
                .where(STAFF_ACCOUNT.ID.eq(id)).execute());
    }

    /** Disables an account and ends its sessions at once, in one transaction. */
    public boolean disable(Actor actor, long id, Instant now) {
        return change(actor, id, now, "account.disable", null, tx -> {
            int n = tx.update(STAFF_ACCOUNT).set(STAFF_ACCOUNT.DISABLED_AT, now).set(STAFF_ACCOUNT.UPDATED_AT, now)
                    .where(STAFF_ACCOUNT.ID.eq(id)).execute();
            tx.deleteFrom(STAFF_SESSION).where(STAFF_SESSION.ACCOUNT_ID.eq(id)).execute();
            return n;
        });
    }

    /** Enables a disabled account again. */
    public boolean enable(Actor actor, long id, Instant now) {
        return change(actor, id, now, "account.enable", null, tx -> tx.update(STAFF_ACCOUNT)
                .setNull(STAFF_ACCOUNT.DISABLED_AT).set(STAFF_ACCOUNT.UPDATED_AT, now)
                .where(STAFF_ACCOUNT.ID.eq(id)).execute());
    }

    /** The member's interface language. */
    public void setLanguage(Actor actor, long id, StaffLanguage language, Instant now) {
        change(actor, id, now, "account.language", language.code(), tx -> tx.update(STAFF_ACCOUNT)
                .set(STAFF_ACCOUNT.LANGUAGE, language.code()).set(STAFF_ACCOUNT.UPDATED_AT, now)
                .where(STAFF_ACCOUNT.ID.eq(id)).execute());
    }

    /** Sets up a second factor, with the step of the code that proved it. */
    public void setTotp(Actor actor, long id, String secret, long step, Instant now) {
        change(actor, id, now, "account.totp", null, tx -> tx.update(STAFF_ACCOUNT)
                .set(STAFF_ACCOUNT.TOTP_SECRET, secret).set(STAFF_ACCOUNT.TOTP_LAST_STEP, step)
                .set(STAFF_ACCOUNT.UPDATED_AT, now).where(STAFF_ACCOUNT.ID.eq(id)).execute());
    }

    /**
     * Records a used TOTP step; false when a code of that step or a later one was used meanwhile (another request
     * won the race), so a code is good once.
     */
    public boolean useTotpStep(long id, long step) {
        return database.dsl().update(STAFF_ACCOUNT).set(STAFF_ACCOUNT.TOTP_LAST_STEP, step)
                .where(STAFF_ACCOUNT.ID.eq(id))
                .and(STAFF_ACCOUNT.TOTP_LAST_STEP.isNull().or(STAFF_ACCOUNT.TOTP_LAST_STEP.lt(step)))
                .execute() == 1;
    }

    /** Replaces a password hash made with weaker parameters (at login, when the password is at hand). */
    public void rehash(long id, String newHash, Instant now) {
        database.dsl().update(STAFF_ACCOUNT).set(STAFF_ACCOUNT.PASSWORD_HASH, newHash)
                .set(STAFF_ACCOUNT.UPDATED_AT, now).where(STAFF_ACCOUNT.ID.eq(id)).execute();
    }

    private interface Change {
        int apply(DSLContext tx);
    }

    private boolean change(Actor actor, long id, Instant now, String action, String detail, Change change) {
        return database.dsl().transactionResult(c -> {
            DSLContext tx = c.dsl();
            if (change.apply(tx) == 0) {
                return false;
            }
            AuditLog.append(tx, now, actor, action, "account:" + id, detail);
            return true;
        });
    }

    static Account account(StaffAccountRecord r) {
        return new Account(r.getId(), r.getEmail(), Role.fromCode(r.getRole()).orElseThrow(),
                StaffLanguage.fromCode(r.getLanguage()).orElseThrow(), r.getPasswordHash(), r.getTotpSecret(),
                r.getTotpLastStep() == null ? -1 : r.getTotpLastStep(), r.getDisabledAt());
    }
}

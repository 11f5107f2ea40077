package org.homeward.admin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.homeward.db.jooq.Tables.STAFF_ACCOUNT;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.homeward.admin.account.Passwords;
import org.homeward.admin.account.Totp;
import org.homeward.admin.web.Role;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** Logging in over real HTTP against real PostgreSQL: passwords, the second factor, limits, disabling. */
@Tag("slow")
class AdminLoginTest {
    private AdminFixture admin;

    @BeforeEach
    void start() throws Exception {
        admin = AdminFixture.start();
    }

    @AfterEach
    void stop() throws Exception {
        admin.close();
    }

    @Test
    void theFirstAdminGetsAGeneratedPasswordPrintedOnceAndMustSetUpASecondFactor() throws Exception {
        String console = admin.consoleText().orElseThrow();
        Matcher m = Pattern.compile("as admin@localhost with the password (\\S+)").matcher(console);
        assertThat(m.find()).as(console).isTrue();
        String password = m.group(1);
        String hash = admin.database.dsl().select(STAFF_ACCOUNT.PASSWORD_HASH).from(STAFF_ACCOUNT)
                .where(STAFF_ACCOUNT.EMAIL.eq("admin@localhost")).fetchOne().value1();
        // OWASP's Argon2id parameters, as the issue asks, in the PHC string format.
        assertThat(hash).startsWith("$argon2id$v=19$m=19456,t=2,p=1$");

        // A second start on the same database prints nothing: the account exists.
        try (AdminFixture again = admin.secondInstance()) {
            assertThat(again.consoleText()).isEmpty();
        }

        Browser b = admin.browser();
        b.login("admin@localhost", password);
        assertThat(b.last.statusCode()).isEqualTo(303);
        assertThat(b.location()).isEqualTo("/admin/account/totp");
        // Nothing else until the second factor is set up.
        b.get("/admin/");
        assertThat(b.location()).isEqualTo("/admin/account/totp");
        b.get("/admin/accounts");
        assertThat(b.location()).isEqualTo("/admin/account/totp");

        HttpResponse<String> enrol = b.get("/admin/account/totp");
        assertThat(enrol.statusCode()).isEqualTo(200);
        assertThat(enrol.body()).contains("<svg", "otpauth://totp/Homeward%3Aadmin%40localhost?secret=");
        String secret = Pattern.compile("id=\"secret\">([A-Z2-7]+)<").matcher(enrol.body()).results()
                .findFirst().orElseThrow().group(1);
        b.post("/admin/account/totp", "secret", secret, "code", "000000");
        assertThat(b.last.statusCode()).isEqualTo(422);
        b.post("/admin/account/totp", "secret", secret, "code", Totp.code(secret, admin.clock.instant()));
        assertThat(b.location()).isEqualTo("/admin/");
        assertThat(b.get("/admin/accounts").statusCode()).isEqualTo(200);
    }

    @Test
    void anAdminWithASecondFactorNeedsTheCodeAndACodeWorksOnce() throws Exception {
        String secret = Totp.newSecret();
        admin.account("boss@example.org", Role.ADMIN, "en", secret);
        Browser b = admin.browser();
        b.login("boss@example.org", AdminFixture.PASSWORD);
        assertThat(b.location()).isEqualTo("/admin/login/totp");
        b.get("/admin/");
        assertThat(b.location()).isEqualTo("/admin/login/totp");

        b.get("/admin/login/totp");
        b.post("/admin/login/totp", "code", "123456");
        assertThat(b.last.statusCode()).isEqualTo(422);
        assertThat(b.last.body()).contains("That code does not fit");
        String code = Totp.code(secret, admin.clock.instant());
        b.post("/admin/login/totp", "code", code);
        assertThat(b.location()).isEqualTo("/admin/");
        assertThat(b.get("/admin/").body()).contains("boss@example.org");

        // The same code again, in another login, is refused.
        Browser other = admin.browser();
        other.login("boss@example.org", AdminFixture.PASSWORD);
        other.get("/admin/login/totp");
        other.post("/admin/login/totp", "code", code);
        assertThat(other.last.statusCode()).isEqualTo(422);
    }

    @Test
    void staffWithoutASecondFactorGoStraightInAndTheSessionIdChangesAtLogin() throws Exception {
        admin.account("staff@example.org", Role.STAFF, "ru", null);
        Browser b = admin.browser();
        b.get("/admin/login");
        String before = b.cookie;
        assertThat(before).isNotNull();
        b.post("/admin/login", "email", "Staff@Example.org ", "password", AdminFixture.PASSWORD);
        assertThat(b.location()).isEqualTo("/admin/");
        assertThat(b.cookie).isNotNull().isNotEqualTo(before);
        assertThat(b.get("/admin/").body()).contains("Вы вошли как staff@example.org");

        // The id known before login is worth nothing now.
        Browser stale = admin.browser();
        stale.cookie = before;
        stale.get("/admin/");
        assertThat(stale.location()).isEqualTo("/admin/login");
    }

    @Test
    void aWrongPasswordIsOneAnswerAndTheFormKeepsTheEmail() throws Exception {
        admin.account("staff@example.org", Role.STAFF, "en", null);
        Browser b = admin.browser();
        HttpResponse<String> wrong = b.login("staff@example.org", "not the password at all");
        assertThat(wrong.statusCode()).isEqualTo(422);
        assertThat(wrong.body()).contains("value=\"staff@example.org\"", "id=\"password-error\"");
        HttpResponse<String> unknown = b.login("nobody@example.org", "not the password at all");
        // Same words whether or not the address has an account.
        assertThat(unknown.body()).contains("id=\"password-error\"");
        assertThat(extractError(unknown.body())).isEqualTo(extractError(wrong.body()));
    }

    @Test
    void failedLoginsMakeTheNextAttemptWaitBrieflyOnEveryInstance() throws Exception {
        admin.account("staff@example.org", Role.STAFF, "en", null);
        Browser b = admin.browser();
        for (int i = 0; i < 6; i++) {
            assertThat(b.login("staff@example.org", "wrong password number " + i).statusCode()).isEqualTo(422);
        }
        // The right password must wait too, here and on another instance sharing the database.
        HttpResponse<String> waiting = b.login("staff@example.org", AdminFixture.PASSWORD);
        assertThat(waiting.statusCode()).isEqualTo(429);
        // The browser named no language: the base catalog's, with its plural.
        assertThat(waiting.body()).contains("Слишком много неудачных попыток. Попробуйте снова через 1 секунду.");
        try (AdminFixture second = admin.secondInstance()) {
            Browser elsewhere = second.browser();
            assertThat(elsewhere.login("staff@example.org", AdminFixture.PASSWORD).statusCode()).isEqualTo(429);
        }
        // Not locked out for long: the wait is a second after six failures.
        admin.clock.advance(Duration.ofSeconds(2));
        b.login("staff@example.org", AdminFixture.PASSWORD);
        assertThat(b.location()).isEqualTo("/admin/");
    }

    @Test
    void aDisabledAccountsOpenSessionEndsAtOnce() throws Exception {
        Browser boss = admin.loggedIn("boss@example.org", Role.ADMIN);
        Browser staff = admin.loggedIn("staff@example.org", Role.STAFF);
        assertThat(staff.get("/admin/").statusCode()).isEqualTo(200);
        long id = admin.database.dsl().select(STAFF_ACCOUNT.ID).from(STAFF_ACCOUNT)
                .where(STAFF_ACCOUNT.EMAIL.eq("staff@example.org")).fetchOne().value1();
        boss.get("/admin/accounts");
        boss.post("/admin/accounts/" + id + "/disable");
        assertThat(boss.location()).isEqualTo("/admin/accounts");

        staff.get("/admin/");
        assertThat(staff.last.statusCode()).isEqualTo(303);
        assertThat(staff.location()).isEqualTo("/admin/login");
        assertThat(admin.browser().login("staff@example.org", AdminFixture.PASSWORD).statusCode()).isEqualTo(422);
    }

    @Test
    void aHashWithWeakerParametersIsRenewedAtLogin() throws Exception {
        long id = admin.account("old@example.org", Role.STAFF, "en", null);
        String weak = new Passwords(8192, 1, 1).hash(AdminFixture.PASSWORD);
        admin.database.dsl().update(STAFF_ACCOUNT).set(STAFF_ACCOUNT.PASSWORD_HASH, weak)
                .where(STAFF_ACCOUNT.ID.eq(id)).execute();
        Browser b = admin.browser();
        b.login("old@example.org", AdminFixture.PASSWORD);
        assertThat(b.location()).isEqualTo("/admin/");
        String renewed = admin.database.dsl().select(STAFF_ACCOUNT.PASSWORD_HASH).from(STAFF_ACCOUNT)
                .where(STAFF_ACCOUNT.ID.eq(id)).fetchOne().value1();
        assertThat(renewed).startsWith("$argon2id$v=19$m=19456,t=2,p=1$").isNotEqualTo(weak);
    }

    @Test
    void sessionsEndAfterThirtyIdleMinutesAndTwelveHoursInAll() throws Exception {
        Browser b = admin.loggedIn("staff@example.org", Role.STAFF);
        admin.clock.advance(Duration.ofMinutes(29));
        assertThat(b.get("/admin/").statusCode()).isEqualTo(200);
        admin.clock.advance(Duration.ofMinutes(31));
        b.get("/admin/");
        assertThat(b.location()).isEqualTo("/admin/login");

        Browser busy = admin.loggedIn("busy@example.org", Role.STAFF);
        for (int i = 0; i < 37; i++) { // over 12 hours of a request every 20 minutes
            admin.clock.advance(Duration.ofMinutes(20));
            busy.get("/admin/");
        }
        assertThat(busy.last.statusCode()).isEqualTo(303);
        assertThat(busy.location()).isEqualTo("/admin/login");
    }

    private static String extractError(String body) {
        Matcher m = Pattern.compile("id=\"password-error\"[^>]*>([^<]+)<").matcher(body);
        return m.find() ? m.group(1) : "";
    }
}

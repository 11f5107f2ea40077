package org.homeward.admin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.homeward.db.jooq.Tables.STAFF_ACCOUNT;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.regex.Pattern;
import org.homeward.admin.web.Role;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** Admins invite members, who set a password through a one-time link; refused forms keep what was typed. */
@Tag("slow")
class AdminAccountsTest {
    @Test
    void anInvitedMemberSetsAPasswordOnceAndLogsIn() throws Exception {
        try (AdminFixture admin = AdminFixture.start()) {
            Browser boss = admin.loggedIn("boss@example.org", Role.ADMIN);
            boss.get("/admin/accounts");
            // A wrong address: shown again as typed, the error beside it.
            HttpResponse<String> refused = boss.post("/admin/accounts", "email", "not an address", "role", "coordinator");
            assertThat(refused.statusCode()).isEqualTo(422);
            assertThat(refused.body()).contains("value=\"not an address\"", "id=\"email-error\"",
                    "This does not look like an email address.", "<option value=\"coordinator\" selected>");

            HttpResponse<String> invited = boss.post("/admin/accounts", "email", "New@Example.org", "role", "coordinator",
                    "language", "ru");
            assertThat(invited.statusCode()).isEqualTo(200);
            String link = Pattern.compile("id=\"invite-link\"[^>]*>([^<]+)<").matcher(invited.body()).results()
                    .findFirst().orElseThrow().group(1);
            assertThat(link).startsWith("http://localhost:0/admin/invite/");
            String path = link.substring(link.indexOf("/admin/"));
            // The token is not kept: only its hash.
            String token = path.substring("/admin/invite/".length());
            assertThat(admin.database.dsl().fetchCount(org.homeward.db.jooq.Tables.STAFF_INVITE)).isEqualTo(1);
            assertThat(admin.database.dsl().fetchOne(org.homeward.db.jooq.Tables.STAFF_INVITE).getTokenHash())
                    .hasSize(32).isNotEqualTo(token.getBytes(java.nio.charset.StandardCharsets.UTF_8));
            // The same address again is refused.
            boss.get("/admin/accounts");
            assertThat(boss.post("/admin/accounts", "email", "new@example.org", "role", "staff").body())
                    .contains("This address already has an account.");

            Browser member = admin.browser();
            assertThat(member.get(path).statusCode()).isEqualTo(200);
            HttpResponse<String> weak = member.post(path, "password", "short", "repeat", "short");
            assertThat(weak.statusCode()).isEqualTo(422);
            assertThat(weak.body()).contains("id=\"password-error\"", "Пароль слишком короткий");
            HttpResponse<String> common = member.post(path, "password", "qwertyuiop123456", "repeat", "qwertyuiop123456");
            assertThat(common.body()).contains("Это один из самых распространённых паролей");
            HttpResponse<String> differ = member.post(path, "password", "a quiet river at dawn", "repeat", "a quiet river");
            assertThat(differ.body()).contains("id=\"repeat-error\"");
            member.post(path, "password", "a quiet river at dawn", "repeat", "a quiet river at dawn");
            assertThat(member.location()).isEqualTo("/admin/login?done=password&lang=ru");
            String hash = admin.database.dsl().select(STAFF_ACCOUNT.PASSWORD_HASH).from(STAFF_ACCOUNT)
                    .where(STAFF_ACCOUNT.EMAIL.eq("new@example.org")).fetchOne().value1();
            assertThat(hash).startsWith("$argon2id$v=19$m=19456,t=2,p=1$");

            // The link works once.
            assertThat(admin.browser().get(path).statusCode()).isEqualTo(404);
            Browser in = admin.browser();
            in.login("new@example.org", "a quiet river at dawn");
            assertThat(in.location()).isEqualTo("/admin/");
            assertThat(in.get("/admin/").body()).contains("Координатор");
            assertThat(in.get("/admin/accounts").statusCode()).isEqualTo(403);
        }
    }

    @Test
    void anInvitationLinkEndsAfterSeventyTwoHours() throws Exception {
        try (AdminFixture admin = AdminFixture.start()) {
            Browser boss = admin.loggedIn("boss@example.org", Role.ADMIN);
            boss.get("/admin/accounts");
            String body = boss.post("/admin/accounts", "email", "late@example.org", "role", "staff").body();
            String link = Pattern.compile("id=\"invite-link\"[^>]*>([^<]+)<").matcher(body).results()
                    .findFirst().orElseThrow().group(1);
            String path = link.substring(link.indexOf("/admin/"));
            admin.clock.advance(Duration.ofHours(71));
            assertThat(admin.browser().get(path).statusCode()).isEqualTo(200);
            admin.clock.advance(Duration.ofHours(2));
            assertThat(admin.browser().get(path).statusCode()).isEqualTo(404);
        }
    }

    @Test
    void anAdminChangesRolesButNotTheirOwn() throws Exception {
        try (AdminFixture admin = AdminFixture.start()) {
            Browser boss = admin.loggedIn("boss@example.org", Role.ADMIN);
            Browser staff = admin.loggedIn("staff@example.org", Role.STAFF);
            long staffId = id(admin, "staff@example.org");
            long bossId = id(admin, "boss@example.org");
            boss.get("/admin/accounts");
            boss.post("/admin/accounts/" + staffId + "/role", "role", "coordinator");
            assertThat(boss.location()).isEqualTo("/admin/accounts");
            // Takes effect on the member's open session at once.
            assertThat(staff.get("/admin/").body()).contains("Coordinator");
            boss.get("/admin/accounts");
            assertThat(boss.post("/admin/accounts/" + bossId + "/role", "role", "staff").statusCode()).isEqualTo(409);
            assertThat(boss.post("/admin/accounts/" + bossId + "/disable").statusCode()).isEqualTo(409);
        }
    }

    private static long id(AdminFixture admin, String email) {
        return admin.database.dsl().select(STAFF_ACCOUNT.ID).from(STAFF_ACCOUNT).where(STAFF_ACCOUNT.EMAIL.eq(email))
                .fetchOne().value1();
    }
}

package org.homeward.admin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.homeward.db.jooq.Tables.AUDIT_LOG;

import java.net.http.HttpResponse;
import java.util.List;
import org.homeward.admin.audit.AuditLog;
import org.homeward.admin.web.Role;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** The audit trail records logins and account changes, is filterable, and reports the first edited entry. */
@Tag("slow")
class AdminAuditTest {
    @Test
    void loginsAndChangesAreRecordedAndAnEditedRowIsReportedAsTheFirstBrokenLink() throws Exception {
        try (AdminFixture admin = AdminFixture.start()) {
            Browser boss = admin.loggedIn("boss@example.org", Role.ADMIN);
            admin.browser().login("boss@example.org", "a wrong password here");
            boss.get("/admin/accounts");
            boss.post("/admin/accounts", "email", "new@example.org", "role", "staff");

            List<String> actions = admin.database.dsl().select(AUDIT_LOG.ACTION).from(AUDIT_LOG).orderBy(AUDIT_LOG.ID)
                    .fetch(AUDIT_LOG.ACTION);
            assertThat(actions).containsSubsequence("account.first_admin", "login.success", "login.failure", "account.invite");
            assertThat(AuditLog.firstBrokenLink(admin.database.dsl())).isEmpty();

            HttpResponse<String> page = boss.get("/admin/audit/check");
            assertThat(page.body()).contains("id=\"chain-result\"", "The chain holds");
            HttpResponse<String> filtered = boss.get("/admin/audit?action=login.failure&actor=");
            assertThat(filtered.body()).contains("wrong password").doesNotContain("account.invite</td>");

            // Someone with database access rewrites history: the check names the first entry that no longer fits.
            long failure = admin.database.dsl().select(AUDIT_LOG.ID).from(AUDIT_LOG)
                    .where(AUDIT_LOG.ACTION.eq("login.failure")).fetchOne().value1();
            admin.database.dsl().update(AUDIT_LOG).set(AUDIT_LOG.DETAIL, "nothing happened")
                    .where(AUDIT_LOG.ID.eq(failure)).execute();
            assertThat(AuditLog.firstBrokenLink(admin.database.dsl())).hasValue(failure);
            assertThat(boss.get("/admin/audit/check").body()).contains("id=\"chain-result\"",
                    "the first tampered entry is #" + failure);
        }
    }

    @Test
    void aRemovedEntryBreaksTheLinkOfTheNextOne() throws Exception {
        try (AdminFixture admin = AdminFixture.start()) {
            admin.loggedIn("boss@example.org", Role.ADMIN);
            admin.loggedIn("staff@example.org", Role.STAFF);
            List<Long> ids = admin.database.dsl().select(AUDIT_LOG.ID).from(AUDIT_LOG).orderBy(AUDIT_LOG.ID)
                    .fetch(AUDIT_LOG.ID);
            assertThat(ids).hasSizeGreaterThanOrEqualTo(3);
            admin.database.dsl().deleteFrom(AUDIT_LOG).where(AUDIT_LOG.ID.eq(ids.get(1))).execute();
            assertThat(AuditLog.firstBrokenLink(admin.database.dsl())).hasValue(ids.get(2));
        }
    }
}

package org.homeward.admin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.homeward.db.jooq.Tables.AUDIT_LOG;
import static org.homeward.db.jooq.Tables.OPERATION_SETTINGS;
import static org.homeward.db.jooq.Tables.RETENTION_STATS;

import java.net.http.HttpResponse;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.homeward.admin.audit.AuditLog;
import org.homeward.admin.web.Role;
import org.homeward.db.jooq.tables.records.OperationSettingsRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Operation settings over real HTTP and PostgreSQL: a refused form keeps what was typed with each error beside its
 * field, a save is audited old → new, a save over someone else's newer save is refused (409) naming who and when,
 * raising the consent version needs a confirmation, and staff and coordinators only read.
 */
@Tag("slow")
class AdminSettingsTest {
    private static AdminFixture admin;
    private static Browser boss;

    @BeforeAll
    static void start() throws Exception {
        admin = AdminFixture.start();
        boss = admin.loggedIn("dilnoza@example.org", Role.ADMIN);
    }

    @AfterAll
    static void stop() {
        admin.close();
    }

    private static OperationSettingsRecord settings() {
        return admin.database.dsl().selectFrom(OPERATION_SETTINGS).fetchSingle();
    }

    private static String[] form(OperationSettingsRecord s, String version, String... overrides) {
        List<String> fields = new ArrayList<>(List.of("version", version,
                "name_tg", s.getNameTg(), "name_ru", s.getNameRu(), "name_uz", s.getNameUz(),
                "hotline", s.getHotlinePhone(), "recipients_tg", s.getRecipientsTg(),
                "recipients_ru", s.getRecipientsRu(), "recipients_uz", s.getRecipientsUz(),
                "retention", String.valueOf(s.getRetentionMonths())));
        for (int i = 0; i + 1 < overrides.length; i += 2) {
            int at = fields.indexOf(overrides[i]);
            fields.set(at + 1, overrides[i + 1]);
        }
        return fields.toArray(String[]::new);
    }

    private static List<String> audited(String action) {
        return admin.database.dsl().select(AUDIT_LOG.DETAIL).from(AUDIT_LOG).where(AUDIT_LOG.ACTION.eq(action))
                .orderBy(AUDIT_LOG.ID).fetch(AUDIT_LOG.DETAIL);
    }

    @Test
    void adminsChangeTheSettingsAuditedAndAStaleSaveOrAnUnconfirmedRaiseIsRefused() throws Exception {
        HttpResponse<String> page = boss.get("/admin/settings");
        assertThat(page.statusCode()).isEqualTo(200);
        OperationSettingsRecord before = settings();
        assertThat(page.body()).contains("id=\"settings-form\"").contains(before.getHotlinePhone())
                // The notice as migrants read it, in each language, with the stored settings.
                .contains("id=\"preview-tg\"").contains("id=\"preview-uz\"").contains(before.getRecipientsUz());
        String version = String.valueOf(before.getVersion());

        // Refused: each error beside its field, the typed text kept, nothing saved.
        HttpResponse<String> refused = boss.post("/admin/settings", form(before, version,
                "name_ru", "  ", "hotline", "8 (992) 44", "retention", "121", "recipients_tg", "x".repeat(501)));
        assertThat(refused.statusCode()).isEqualTo(422);
        assertThat(refused.body()).contains("id=\"name_ru-error\"").contains("id=\"hotline-error\"")
                .contains("id=\"retention-error\"").contains("id=\"recipients_tg-error\"")
                .doesNotContain("id=\"name_tg-error\"").contains("value=\"8 (992) 44\"").contains("value=\"121\"");
        assertThat(settings().getVersion()).isEqualTo(before.getVersion());

        // Saved: the hotline as people write it, kept as + and digits; audited old → new.
        HttpResponse<String> saved = boss.post("/admin/settings", form(before, version,
                "hotline", "+992 44 600-11-22", "retention", "12", "name_ru", "Программа «Домой»"));
        assertThat(saved.statusCode()).isEqualTo(303);
        assertThat(boss.location()).isEqualTo("/admin/settings?done=saved");
        OperationSettingsRecord after = settings();
        assertThat(after.getHotlinePhone()).isEqualTo("+992446001122");
        assertThat(after.getRetentionMonths()).isEqualTo(12);
        assertThat(after.getNameRu()).isEqualTo("Программа «Домой»");
        assertThat(after.getNameTg()).isEqualTo(before.getNameTg());
        assertThat(after.getVersion()).isEqualTo(before.getVersion() + 1);
        assertThat(after.getUpdatedBy()).isEqualTo("dilnoza@example.org");
        assertThat(audited("settings.edit")).singleElement().asString()
                .contains("hotline: «+992446000000» → «+992446001122»").contains("retention_months: «6» → «12»")
                .contains("name_ru: «").doesNotContain("name_tg");
        assertThat(boss.get("/admin/settings?done=saved").body()).contains("id=\"done\"").contains("id=\"last-change\"")
                .contains("Программа «Домой»");

        // Another admin saved meanwhile: the old form is refused, naming who and when; the typed text stays.
        HttpResponse<String> stale = boss.post("/admin/settings", form(before, version, "retention", "24"));
        assertThat(stale.statusCode()).isEqualTo(409);
        assertThat(stale.body()).contains("id=\"refused\"").contains("dilnoza@example.org").contains("value=\"24\"");
        assertThat(settings().getRetentionMonths()).isEqualTo(12);

        // Asking everyone to agree again needs the box ticked; then the version goes up by one, audited.
        String current = String.valueOf(settings().getVersion());
        HttpResponse<String> unconfirmed = boss.post("/admin/settings/consent", "version", current);
        assertThat(unconfirmed.statusCode()).isEqualTo(422);
        assertThat(unconfirmed.body()).contains("id=\"confirm-error\"");
        assertThat(settings().getConsentVersion()).isEqualTo(1);
        HttpResponse<String> raised = boss.post("/admin/settings/consent", "version", current, "confirm", "yes");
        assertThat(raised.statusCode()).isEqualTo(303);
        assertThat(settings().getConsentVersion()).isEqualTo(2);
        assertThat(audited("settings.consent_raise")).containsExactly("consent_version: 1 → 2");
        // The same confirmation sent twice (a double click) does not raise it twice.
        assertThat(boss.post("/admin/settings/consent", "version", current, "confirm", "yes").statusCode()).isEqualTo(409);
        assertThat(settings().getConsentVersion()).isEqualTo(2);

        assertThat(AuditLog.firstBrokenLink(admin.database.dsl())).isEmpty();
    }

    @Test
    void staffAndCoordinatorsReadTheSettingsAndTheRetentionCountsButCannotChangeThem() throws Exception {
        admin.database.dsl().insertInto(RETENTION_STATS).set(RETENTION_STATS.DAY, LocalDate.of(2026, 8, 31))
                .set(RETENTION_STATS.REASON, "departed").set(RETENTION_STATS.REGISTRATIONS, 7)
                .set(RETENTION_STATS.TRAVELLERS, 19).onConflictDoNothing().execute();
        for (Role role : List.of(Role.STAFF, Role.COORDINATOR)) {
            Browser reader = admin.loggedIn("reader-" + role.code() + "@example.org", role);
            HttpResponse<String> page = reader.get("/admin/settings");
            assertThat(page.statusCode()).isEqualTo(200);
            assertThat(page.body()).contains("id=\"settings-read\"").contains("id=\"hotline-read\"")
                    .doesNotContain("id=\"settings-form\"").doesNotContain("id=\"consent-form\"")
                    .contains("id=\"retention-counts\"").contains("2026-08-31").contains("<td>19</td>");
            OperationSettingsRecord s = settings();
            assertThat(reader.post("/admin/settings", form(s, String.valueOf(s.getVersion()), "retention", "1"))
                    .statusCode()).isEqualTo(403);
            assertThat(reader.post("/admin/settings/consent", "version", String.valueOf(s.getVersion()), "confirm", "yes")
                    .statusCode()).isEqualTo(403);
            assertThat(settings().getVersion()).isEqualTo(s.getVersion());
        }
    }
}

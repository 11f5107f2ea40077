package org.homeward.admin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.homeward.db.jooq.Tables.AUDIT_LOG;
import static org.homeward.db.jooq.Tables.REGISTRATION;
import static org.homeward.db.jooq.Tables.TRAVELLER;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.homeward.admin.web.Role;
import org.homeward.core.people.People;
import org.homeward.db.enums.RegistrationStatus;
import org.homeward.db.enums.StaffStatus;
import org.homeward.i18n.Language;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Registrations over real HTTP and PostgreSQL: search by any spelling, filters, keyset pages, masking, the detail
 * audited, corrections checked by the bot's rules, optimistic locking, the lifecycle, duplicates, erasure, and
 * coordinators reading only.
 */
@Tag("slow")
class AdminRegistrationsTest {
    private static final Pattern ROW = Pattern.compile("<tr data-id=\"(\\d+)\">");
    private static final Pattern VERSION = Pattern.compile("name=\"version\" value=\"(\\d+)\"");
    private static AdminFixture admin;
    private static Seed seed;
    private static Browser staff;

    @BeforeAll
    static void start() throws Exception {
        admin = AdminFixture.start();
        seed = new Seed(admin.database);
        staff = admin.loggedIn("dilnoza@example.org", Role.STAFF);
    }

    @AfterAll
    static void stop() {
        admin.close();
    }

    private static List<Long> ids(String body) {
        List<Long> ids = new ArrayList<>();
        Matcher m = ROW.matcher(body);
        while (m.find()) {
            ids.add(Long.valueOf(m.group(1)));
        }
        return ids;
    }

    private static int version(String body) {
        Matcher m = VERSION.matcher(body);
        assertThat(m.find()).as("a version in the page").isTrue();
        return Integer.parseInt(m.group(1));
    }

    private static String q(String text) {
        return java.net.URLEncoder.encode(text, StandardCharsets.UTF_8);
    }

    @Test
    void aNameIsFoundInEitherScriptAndPhoneDocumentAndCodeFindTheirsWithTheDocumentMasked() throws Exception {
        var nazarov = seed.register("Назаров Акмал", "NZ100200", "+992901110001");
        var juraev = seed.register(Language.TG, "Ҷӯраев Фарҳод", LocalDate.of(1985, 1, 2), "JR300400", "+992901110002",
                "moscow", "tj_khatlon", Set.of(), Instant.parse("2026-08-21T10:00:00Z"), "Ҷӯраева Мадина");
        var latin = seed.register(Language.UZ, "Qodirov Gʻayrat", LocalDate.of(1979, 5, 6), "QD500600", "+998901110003",
                "almaty", "uz_samarkand", Set.of(), Instant.parse("2026-08-22T10:00:00Z"));

        assertThat(ids(staff.get("/admin/registrations?q=Nazarov").body())).contains(nazarov.id()).doesNotContain(juraev.id());
        assertThat(ids(staff.get("/admin/registrations?q=" + q("akmal nazarov")).body())).contains(nazarov.id());
        assertThat(ids(staff.get("/admin/registrations?q=" + q("Назаров")).body())).contains(nazarov.id());
        assertThat(ids(staff.get("/admin/registrations?q=Dzhuraev").body())).contains(juraev.id()).doesNotContain(nazarov.id());
        // A family member is found too, and a Latin name by its Cyrillic spelling.
        assertThat(ids(staff.get("/admin/registrations?q=Madina").body())).contains(juraev.id());
        assertThat(ids(staff.get("/admin/registrations?q=" + q("Кодиров")).body())).contains(latin.id());
        assertThat(ids(staff.get("/admin/registrations?q=" + q("90 111 00 02")).body())).containsExactly(juraev.id());
        assertThat(ids(staff.get("/admin/registrations?q=jr300400").body())).containsExactly(juraev.id());
        assertThat(ids(staff.get("/admin/registrations?q=" + q(latin.code().toLowerCase())).body())).containsExactly(latin.id());

        HttpResponse<String> list = staff.get("/admin/registrations?q=Nazarov");
        assertThat(list.body()).doesNotContain("NZ100200").contains("•••200");
        assertThat(list.headers().firstValue("cache-control")).hasValue("no-store");
    }

    @Test
    void filtersNarrowTheListAndPagesFollowByKeysetWithoutOverlap() throws Exception {
        List<Long> made = new ArrayList<>();
        for (int i = 0; i < 120; i++) {
            Set<String> needs = i % 10 == 0 ? Set.of("unaccompanied_child") : Set.of();
            made.add(seed.register(i % 2 == 0 ? Language.TG : Language.UZ, "Каримов Далер" + " " + "Бобо" + letters(i),
                    LocalDate.of(1970 + i % 30, 1, 1), String.format("KF%06d", i), String.format("+99290200%04d", i),
                    i % 3 == 0 ? "kazan" : "samara", "tj_gbao", needs, Instant.parse("2026-07-01T10:00:00Z").plusSeconds(86_400L * (i % 20))).id());
        }
        String filtered = "/admin/registrations?destination=" + id("destination", "tj_gbao");
        Set<Long> seen = new LinkedHashSet<>();
        String next = filtered;
        int pages = 0;
        while (next != null) {
            String body = staff.get(next).body();
            List<Long> page = ids(body);
            assertThat(page).isSortedAccordingTo((a, b) -> Long.compare(b, a));
            assertThat(page.stream().filter(seen::contains)).as("no row on two pages").isEmpty();
            seen.addAll(page);
            pages++;
            Matcher m = Pattern.compile("id=\"next-page\" href=\"([^\"]+)\"").matcher(body);
            next = m.find() ? m.group(1).replace("&amp;", "&") : null;
        }
        assertThat(pages).isEqualTo(3);
        assertThat(seen).containsExactlyInAnyOrderElementsOf(made);

        String kazan = filtered + "&place=" + id("location", "kazan");
        assertThat(ids(staff.get(kazan + "&need=unaccompanied_child").body()))
                .containsExactlyInAnyOrderElementsOf(List.of(made.get(0), made.get(30), made.get(60), made.get(90)));
        assertThat(ids(staff.get(filtered + "&language=uz&need=unaccompanied_child").body())).isEmpty();
        assertThat(ids(staff.get(filtered + "&from=2026-07-01&to=2026-07-01").body()))
                .containsExactlyInAnyOrder(made.get(0), made.get(20), made.get(40), made.get(60), made.get(80), made.get(100));
        assertThat(ids(staff.get(filtered + "&status=verified").body())).isEmpty();
        assertThat(ids(staff.get(filtered + "&departure=none&q=Karimov").body())).hasSize(50);
    }

    @Test
    void theDetailIsAuditedAndACorrectionIsCheckedByTheBotsRulesKeepingTypedTextNextToTheError() throws Exception {
        var made = seed.register("Саидов Рустам", "SD700800", "+992901110010");
        int audited = auditCount("registration.view");
        String page = staff.get("/admin/registrations/" + made.id()).body();
        assertThat(page).contains("Саидов Рустам", "SD700800", "id=\"edit-form\"");
        assertThat(auditCount("registration.view")).isEqualTo(audited + 1);
        int version = version(page);

        HttpResponse<String> refused = staff.post("/admin/registrations/" + made.id(), edit(page,
                "a.name", "Саидов", "a.birth", "31.02.1990", "phone", "12345"));
        assertThat(refused.statusCode()).isEqualTo(422);
        assertThat(refused.body()).contains("id=\"a.name-error\"", "id=\"a.birth-error\"", "id=\"phone-error\"",
                "value=\"31.02.1990\"", "value=\"12345\"", "value=\"Саидов\"");
        assertThat(admin.database.dsl().fetchValue(REGISTRATION.PHONE, REGISTRATION.ID.eq(made.id()))).isEqualTo("+992901110010");

        HttpResponse<String> saved = staff.post("/admin/registrations/" + made.id(), edit(page,
                "a.name", "Саидов Рустамджон", "phone", "+992 90 111 00 99"));
        assertThat(saved.statusCode()).isEqualTo(303);
        assertThat(admin.database.dsl().fetchValue(REGISTRATION.PHONE, REGISTRATION.ID.eq(made.id()))).isEqualTo("+992901110099");
        assertThat(admin.database.dsl().fetchValue(TRAVELLER.NAME_KEY, TRAVELLER.REGISTRATION_ID.eq(made.id()).and(TRAVELLER.POSITION.eq(0))))
                .isEqualTo("rustamjon saidov");
        var entry = admin.database.dsl().selectFrom(AUDIT_LOG).where(AUDIT_LOG.ACTION.eq("registration.correct"))
                .orderBy(AUDIT_LOG.ID.desc()).limit(1).fetchSingle();
        assertThat(entry.getSubject()).isEqualTo("registration:" + made.id());
        assertThat(entry.getDetail()).isEqualTo("name,phone").doesNotContain("Рустам");
        assertThat(staff.get("/admin/registrations/" + made.id() + "?done=saved").body())
                .contains("id=\"done\"", "Corrections saved", "dilnoza@example.org");
    }

    @Test
    void aFamilyMembersDocumentCanBeAddedAndIsCheckedLikeTheApplicants() throws Exception {
        var made = seed.register(Language.RU, "Каримов Шухрат", LocalDate.of(1985, 1, 2), "KR100200", "+992901110030",
                "zhibek_zholy", "tj_sughd", Set.of(), Instant.parse("2026-08-21T10:00:00Z"), "Каримова Зарина");
        String page = staff.get("/admin/registrations/" + made.id()).body();
        assertThat(page).contains("id=\"f1.docnumber\"");
        // Left empty as the bot left it: the correction of another field still saves.
        assertThat(staff.post("/admin/registrations/" + made.id(), edit(page, "district", "Хуҷанд")).statusCode())
                .isEqualTo(303);
        page = staff.get("/admin/registrations/" + made.id()).body();
        HttpResponse<String> refused = staff.post("/admin/registrations/" + made.id(), edit(page,
                "f1.citizenship", "TJ", "f1.doctype", "birth_certificate", "f1.docnumber", "#"));
        assertThat(refused.statusCode()).isEqualTo(422);
        assertThat(refused.body()).contains("id=\"f1.docnumber-error\"", "value=\"#\"");
        // A document already on this registration (the applicant's) is refused for a family member, next to it.
        refused = staff.post("/admin/registrations/" + made.id(), edit(page,
                "f1.citizenship", "TJ", "f1.doctype", "passport", "f1.docnumber", "KR100200"));
        assertThat(refused.statusCode()).isEqualTo(409);
        assertThat(refused.body()).contains("id=\"f1.docnumber-error\"", "value=\"KR100200\"");
        // And another registration's document too.
        seed.register("Латипов Фируз", "LT555666", "+992901110031");
        refused = staff.post("/admin/registrations/" + made.id(), edit(page,
                "f1.citizenship", "TJ", "f1.doctype", "passport", "f1.docnumber", "LT555666"));
        assertThat(refused.statusCode()).isEqualTo(409);
        assertThat(refused.body()).contains("id=\"f1.docnumber-error\"");
        HttpResponse<String> saved = staff.post("/admin/registrations/" + made.id(), edit(page,
                "f1.citizenship", "TJ", "f1.doctype", "birth_certificate", "f1.docnumber", "BC 123456"));
        assertThat(saved.statusCode()).isEqualTo(303);
        assertThat(admin.database.dsl().fetchValue(TRAVELLER.DOCUMENT_TYPE, TRAVELLER.REGISTRATION_ID.eq(made.id())
                .and(TRAVELLER.POSITION.eq(1)))).isEqualTo("birth_certificate");
    }

    @Test
    void aSecondSaveOfAStaleFormIsRefusedNamingWhoChangedItAndWhen() throws Exception {
        var made = seed.register("Латипов Фируз", "LT900100", "+992901110020");
        Browser other = admin.loggedIn("farrukh@example.org", Role.STAFF);
        String mine = staff.get("/admin/registrations/" + made.id()).body();
        int version = version(mine);
        String theirs = other.get("/admin/registrations/" + made.id()).body();
        assertThat(other.post("/admin/registrations/" + made.id(), edit(theirs, "district", "Хуҷанд")).statusCode())
                .isEqualTo(303);

        admin.clock.advance(java.time.Duration.ofMinutes(3));
        HttpResponse<String> stale = staff.post("/admin/registrations/" + made.id(), edit(mine, "district", "Панҷакент"));
        assertThat(stale.statusCode()).isEqualTo(409);
        assertThat(stale.body()).contains("id=\"stale\"", "Changed by farrukh@example.org at 2026-09-01", "value=\"Панҷакент\"");
        assertThat(admin.database.dsl().fetchValue(REGISTRATION.DESTINATION_DISTRICT, REGISTRATION.ID.eq(made.id())))
                .isEqualTo("Хуҷанд");
        // A status change read at the old version is refused the same way.
        assertThat(staff.post("/admin/registrations/" + made.id() + "/status", "version", String.valueOf(version),
                "status", "verified").statusCode()).isEqualTo(409);
    }

    @Test
    void theLifecycleMovesStepByStepAndACancelNeedsAReasonAndFreesTheDocuments() throws Exception {
        var made = seed.register("Мирзоев Сино", "MZ110022", "+992901110030");
        String url = "/admin/registrations/" + made.id();
        int v = version(staff.get(url).body());
        assertThat(staff.post(url + "/status", "version", "" + v, "status", "departed").statusCode()).isEqualTo(409);
        assertThat(staff.post(url + "/status", "version", "" + v, "status", "verified").statusCode()).isEqualTo(303);
        v = version(staff.get(url).body());
        HttpResponse<String> noReason = staff.post(url + "/status", "version", "" + v, "status", "cancelled", "reason", " ");
        assertThat(noReason.statusCode()).isEqualTo(422);
        assertThat(noReason.body()).contains("id=\"reason-error\"");
        assertThat(staff.post(url + "/status", "version", "" + v, "status", "cancelled", "reason", "left by himself")
                .statusCode()).isEqualTo(303);
        var r = admin.database.dsl().selectFrom(REGISTRATION).where(REGISTRATION.ID.eq(made.id())).fetchSingle();
        assertThat(r.getStaffStatus()).isEqualTo(StaffStatus.CANCELLED);
        assertThat(r.getStatus()).isEqualTo(RegistrationStatus.CANCELLED);
        assertThat(admin.database.dsl().fetchValue(TRAVELLER.ACTIVE, TRAVELLER.REGISTRATION_ID.eq(made.id()))).isFalse();
        assertThat(staff.get(url).body()).contains("left by himself").doesNotContain("id=\"edit-form\"");
        assertThat(auditDetails("registration.status")).contains("registered → verified", "verified → cancelled");

        assertThat(staff.post(url + "/notes", "note", "Called him: he is already home").statusCode()).isEqualTo(303);
        assertThat(staff.get(url).body()).contains("Called him: he is already home");
        assertThat(auditDetails("registration.note")).doesNotContain("Called him: he is already home");
    }

    @Test
    void likelyDuplicatesAcrossScriptsAreListedThenMergedOrMarkedDifferent() throws Exception {
        var cyrillic = seed.register("Зокиров Умед", "ZK100001", "+992901110041");
        var latin = seed.register("Umed Zokirov", "ZK100002", "+992901110042");
        var third = seed.register("Hamidov Bahrom", "HM100003", "+992901110043");
        var fourth = seed.register("Ҳамидов Баҳром", "HM100004", "+992901110044");
        String page = staff.get("/admin/duplicates").body();
        assertThat(page).contains("data-first=\"" + cyrillic.id() + "\" data-second=\"" + latin.id() + "\"",
                "data-first=\"" + third.id() + "\" data-second=\"" + fourth.id() + "\"");

        assertThat(staff.post("/admin/duplicates/merge", "a", "" + cyrillic.id(), "b", "" + latin.id(), "keep", "" + cyrillic.id()).statusCode())
                .isEqualTo(303);
        var dropped = admin.database.dsl().selectFrom(REGISTRATION).where(REGISTRATION.ID.eq(latin.id())).fetchSingle();
        assertThat(dropped.getStaffStatus()).isEqualTo(StaffStatus.CANCELLED);
        assertThat(dropped.getCancelReason()).isEqualTo("duplicate of " + cyrillic.code());
        assertThat(dropped.getDuplicateOf()).isEqualTo(cyrillic.id());
        assertThat(auditDetails("registration.merge")).contains("duplicate of registration:" + cyrillic.id());

        assertThat(staff.post("/admin/duplicates/different", "a", "" + fourth.id(), "b", "" + third.id()).statusCode())
                .isEqualTo(303);
        page = staff.get("/admin/duplicates").body();
        assertThat(page).doesNotContain("data-second=\"" + latin.id() + "\"", "data-second=\"" + fourth.id() + "\"");
        // A later registration of the same name and birth date is listed again, against the one kept.
        var again = seed.register("Zoqirov Umed", "ZK100005", "+992901110045");
        assertThat(staff.get("/admin/duplicates").body())
                .contains("data-first=\"" + cyrillic.id() + "\" data-second=\"" + again.id() + "\"");
    }

    @Test
    void coordinatorsReadButCannotChangeAndAnErasedPersonIsGone() throws Exception {
        var made = seed.register("Собиров Комрон", "SB100001", "+992901110051");
        Browser coordinator = admin.loggedIn("coord@example.org", Role.COORDINATOR);
        String page = coordinator.get("/admin/registrations/" + made.id()).body();
        assertThat(page).contains("Собиров Комрон").doesNotContain("id=\"edit-form\"", "id=\"status-form\"", "id=\"note-form\"");
        assertThat(coordinator.post("/admin/registrations/" + made.id(),
                edit(staff.get("/admin/registrations/" + made.id()).body(), "district", "Вахш")).statusCode()).isEqualTo(403);
        assertThat(coordinator.get("/admin/duplicates").statusCode()).isEqualTo(200);
        assertThat(coordinator.post("/admin/duplicates/different", "a", "1", "b", "2").statusCode()).isEqualTo(403);

        // The person asks the bot to delete their data: the row goes, with its history and notes.
        staff.post("/admin/registrations/" + made.id() + "/notes", "note", "family in Kazan");
        admin.database.dsl().transaction(c -> new People(c.dsl()).erase(made.chatId(), LocalDate.of(2026, 9, 1)));
        assertThat(staff.get("/admin/registrations/" + made.id()).statusCode()).isEqualTo(404);
        assertThat(ids(staff.get("/admin/registrations?q=Sobirov").body())).isEmpty();
        assertThat(admin.database.dsl().fetchCount(org.homeward.db.jooq.Tables.REGISTRATION_EVENT,
                org.homeward.db.jooq.Tables.REGISTRATION_EVENT.REGISTRATION_ID.eq(made.id()))).isZero();
    }

    @Test
    void theDashboardDrawsItsChartsAndNamesWhoNeedsAttentionAndEveryPageIsUnder100Kb() throws Exception {
        var child = seed.register(Language.TG, "Рахимов Ориф", LocalDate.of(2012, 4, 4), "RH100001", "+992901110061",
                "shymkent", "tj_dushanbe", Set.of("unaccompanied_child"), Instant.parse("2026-06-01T10:00:00Z"));
        String home = staff.get("/admin/").body();
        assertThat(home).contains("id=\"chart-day\"", "id=\"chart-place\"", "id=\"chart-destination\"",
                "id=\"chart-status\"", "id=\"chart-need\"", "id=\"chart-language\"", "<svg", "id=\"attention-list\"",
                "/admin/registrations/" + child.id());
        Browser boss = admin.loggedIn("boss@example.org", Role.ADMIN);
        assertThat(boss.get("/admin/").body()).contains("id=\"chart-place\"").doesNotContain("id=\"attention-list\"", "Рахимов");
        for (String path : List.of("/admin/", "/admin/registrations", "/admin/registrations/" + child.id(), "/admin/duplicates")) {
            assertThat(staff.get(path).body().getBytes(StandardCharsets.UTF_8).length).as(path).isLessThan(100_000);
        }
    }

    private static String letters(int i) {
        return String.valueOf((char) ('а' + i % 26)) + (char) ('а' + i / 26);
    }

    private static int id(String table, String code) {
        return admin.database.dsl().fetchSingle("select id from " + table + " where code = ?", code).get(0, Integer.class);
    }

    private static int auditCount(String action) {
        return admin.database.dsl().fetchCount(AUDIT_LOG, AUDIT_LOG.ACTION.eq(action));
    }

    private static List<String> auditDetails(String action) {
        return admin.database.dsl().select(AUDIT_LOG.DETAIL).from(AUDIT_LOG).where(AUDIT_LOG.ACTION.eq(action))
                .fetch(AUDIT_LOG.DETAIL);
    }

    /** The edit form's fields as the page shows them (the browser would send these), with {@code changes} over them. */
    static String[] edit(String page, String... changes) {
        int start = page.indexOf("id=\"edit-form\"");
        assertThat(start).as("the page has the edit form").isPositive();
        String form = page.substring(start, page.indexOf("</form>", start));
        java.util.Map<String, String> fields = new java.util.LinkedHashMap<>();
        Matcher input = Pattern.compile("<input([^>]*)>").matcher(form);
        while (input.find()) {
            String attrs = input.group(1);
            String name = attr(attrs, "name");
            if (name.equals("_csrf")) {
                continue; // the browser sends its own session's token
            }
            if (attrs.contains("type=\"checkbox\"") && !attrs.contains(" checked")) {
                continue;
            }
            fields.put(name, attrs.contains("type=\"checkbox\"") ? "on" : attr(attrs, "value"));
        }
        Matcher select = Pattern.compile("<select[^>]*name=\"([^\"]+)\"[^>]*>(.*?)</select>", Pattern.DOTALL).matcher(form);
        while (select.find()) {
            Matcher chosen = Pattern.compile("<option value=\"([^\"]*)\" selected").matcher(select.group(2));
            fields.put(select.group(1), chosen.find() ? chosen.group(1) : "");
        }
        for (int i = 0; i + 1 < changes.length; i += 2) {
            fields.put(changes[i], changes[i + 1]);
        }
        List<String> flat = new ArrayList<>();
        fields.forEach((k, v) -> {
            flat.add(k);
            flat.add(v);
        });
        return flat.toArray(String[]::new);
    }

    private static String attr(String attrs, String name) {
        Matcher m = Pattern.compile("\\b" + name + "=\"([^\"]*)\"").matcher(attrs);
        return m.find() ? m.group(1).replace("&#34;", "\"").replace("&#39;", "'").replace("&lt;", "<")
                .replace("&gt;", ">").replace("&amp;", "&") : "";
    }
}

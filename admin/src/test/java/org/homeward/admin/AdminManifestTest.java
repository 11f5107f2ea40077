package org.homeward.admin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.homeward.db.jooq.Tables.AUDIT_LOG;
import static org.homeward.db.jooq.Tables.DEPARTURE;
import static org.homeward.db.jooq.Tables.DEPARTURE_ASSIGNMENT;
import static org.homeward.db.jooq.Tables.TRAVELLER;

import java.io.ByteArrayInputStream;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellType;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.homeward.admin.web.Role;
import org.homeward.db.enums.DepartureAnswer;
import org.homeward.i18n.Language;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Passenger manifests over real HTTP and PostgreSQL, the XLSX read back with Apache POI: exactly the confirmed
 * travellers in registration order (applicant first) with the border's columns, Tajik and Uzbek letters; the page
 * to print with its row ranges, total and signature line; a reason required; staff refused; every manifest audited.
 */
@Tag("slow")
class AdminManifestTest {
    private static final HttpClient HTTP = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();
    private static AdminFixture admin;
    private static Browser coordinator;
    private static long departure;
    private static Seed.Made tajik;
    private static Seed.Made uzbek;

    @BeforeAll
    static void start() throws Exception {
        admin = AdminFixture.start();
        Seed seed = new Seed(admin.database);
        tajik = seed.register(Language.TG, "Ҷӯраев Фарҳод", LocalDate.of(1985, 1, 2), "JR300400", "+992901110002",
                "zhibek_zholy", "tj_sughd", Set.of("pregnancy"), Instant.parse("2026-08-20T10:15:00Z"), "Ҷӯраева Зарина");
        uzbek = seed.register(Language.UZ, "Qodirov Gʻayrat", LocalDate.of(1979, 5, 6), "QD500600", "+998901110003",
                "zhibek_zholy", "tj_khatlon", Set.of(), Instant.parse("2026-08-21T09:00:00Z"));
        Seed.Made silent = seed.register(Language.RU, "Молчанов Тимур", LocalDate.of(1990, 3, 8), "ML100200",
                "+992901110004", "zhibek_zholy", "tj_sughd", Set.of(), Instant.parse("2026-08-22T09:00:00Z"));
        Seed.Made cannot = seed.register(Language.RU, "Неедущий Рустам", LocalDate.of(1991, 4, 9), "NE100200",
                "+992901110005", "zhibek_zholy", "tj_sughd", Set.of(), Instant.parse("2026-08-22T10:00:00Z"));
        var d = admin.database.dsl();
        d.update(TRAVELLER).set(TRAVELLER.CITIZENSHIP, "UZ").where(TRAVELLER.REGISTRATION_ID.eq(uzbek.id())).execute();
        int place = d.fetchSingle("select id from location where code = 'zhibek_zholy'").get(0, Integer.class);
        departure = d.insertInto(DEPARTURE).set(DEPARTURE.LOCATION_ID, place)
                .set(DEPARTURE.DEPARTS_AT, Instant.parse("2026-09-05T06:30:00Z"))
                .set(DEPARTURE.MEETING_POINT_TG, "Дарвоза").set(DEPARTURE.MEETING_POINT_RU, "Ворота")
                .set(DEPARTURE.MEETING_POINT_UZ, "Darvoza").set(DEPARTURE.SEATS, 40)
                .returning(DEPARTURE.ID).fetchOne().getId();
        assign(tajik.id(), DepartureAnswer.CONFIRMED);
        assign(uzbek.id(), DepartureAnswer.CONFIRMED);
        assign(silent.id(), null);
        assign(cannot.id(), DepartureAnswer.CANNOT_COME);
        coordinator = admin.loggedIn("gulnora@example.org", Role.COORDINATOR);
    }

    private static void assign(long registration, DepartureAnswer answer) {
        admin.database.dsl().insertInto(DEPARTURE_ASSIGNMENT).set(DEPARTURE_ASSIGNMENT.REGISTRATION_ID, registration)
                .set(DEPARTURE_ASSIGNMENT.DEPARTURE_ID, departure)
                .set(DEPARTURE_ASSIGNMENT.ANSWER, answer)
                .set(DEPARTURE_ASSIGNMENT.ANSWERED_AT, answer == null ? null : Instant.parse("2026-09-01T07:00:00Z"))
                .execute();
    }

    @AfterAll
    static void stop() {
        admin.close();
    }

    /** The manifest POSTed with the member's session, the body as bytes. */
    private static HttpResponse<byte[]> manifest(Browser b, String... fields) throws Exception {
        String path = "/admin/departures/" + departure + "/manifest";
        b.get(path);
        StringBuilder body = new StringBuilder("_csrf=" + URLEncoder.encode(b.csrf, StandardCharsets.UTF_8));
        for (int i = 0; i + 1 < fields.length; i += 2) {
            body.append('&').append(fields[i]).append('=').append(URLEncoder.encode(fields[i + 1], StandardCharsets.UTF_8));
        }
        return HTTP.send(HttpRequest.newBuilder(admin.base().resolve(path))
                .header("Cookie", "homeward=" + b.cookie)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body.toString())).build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    /** The confirmed travellers' names in manifest order: by registration code, the applicant first. */
    private static List<String> expectedNames() {
        List<String> names = new ArrayList<>();
        if (tajik.code().compareTo(uzbek.code()) < 0) {
            names.addAll(List.of("Ҷӯраев Фарҳод", "Ҷӯраева Зарина", "Qodirov Gʻayrat"));
        } else {
            names.addAll(List.of("Qodirov Gʻayrat", "Ҷӯраев Фарҳод", "Ҷӯраева Зарина"));
        }
        return names;
    }

    @Test
    void xlsxReadBackByPoiHoldsExactlyTheConfirmedTravellersWithTheBordersColumns() throws Exception {
        HttpResponse<byte[]> answer = manifest(coordinator, "format", "xlsx", "reason", "Zhibek Zholy border post");
        assertThat(answer.statusCode()).isEqualTo(200);
        assertThat(answer.headers().firstValue("content-type").orElse("")).contains("spreadsheetml");
        assertThat(answer.headers().firstValue("cache-control")).hasValue("no-store");
        assertThat(answer.headers().firstValue("content-disposition").orElse(""))
                .isEqualTo("attachment; filename=\"homeward-manifest-" + departure + "-2026-09-05.xlsx\"");
        try (XSSFWorkbook book = new XSSFWorkbook(new ByteArrayInputStream(answer.body()))) {
            Sheet sheet = book.getSheetAt(0);
            List<String> h = new ArrayList<>();
            sheet.getRow(0).forEach(c -> h.add(c.getStringCellValue()));
            assertThat(h).containsExactly("No.", "Full name", "Date of birth", "Sex", "Citizenship", "Document",
                    "Document number", "Phone", "Where to", "Code");
            assertThat(sheet.getLastRowNum()).as("three confirmed travellers, nobody unconfirmed").isEqualTo(3);
            List<String> names = new ArrayList<>();
            for (int i = 1; i <= 3; i++) {
                Row r = sheet.getRow(i);
                assertThat(r.getCell(0).getCellType()).isEqualTo(CellType.NUMERIC);
                assertThat(r.getCell(0).getNumericCellValue()).isEqualTo(i);
                names.add(r.getCell(1).getStringCellValue());
                for (Cell c : r) {
                    assertThat(c.getCellType()).as("cell " + c.getAddress()).isIn(CellType.STRING, CellType.NUMERIC);
                }
            }
            assertThat(names).containsExactlyElementsOf(expectedNames());
            Row applicant = sheet.getRow(names.indexOf("Ҷӯраев Фарҳод") + 1);
            Cell birth = applicant.getCell(2);
            assertThat(birth.getCellType()).isEqualTo(CellType.NUMERIC);
            assertThat(birth.getLocalDateTimeCellValue()).isEqualTo(LocalDateTime.of(1985, 1, 2, 0, 0));
            assertThat(applicant.getCell(3).getStringCellValue()).isEqualTo("M");
            assertThat(applicant.getCell(4).getStringCellValue()).isEqualTo("Tajikistan");
            assertThat(applicant.getCell(5).getStringCellValue()).isEqualTo("Passport");
            assertThat(applicant.getCell(6).getStringCellValue()).isEqualTo("JR300400");
            assertThat(applicant.getCell(7).getCellType()).as("a phone stays text").isEqualTo(CellType.STRING);
            assertThat(applicant.getCell(7).getStringCellValue()).isEqualTo("+992901110002");
            assertThat(applicant.getCell(8).getStringCellValue()).isEqualTo("Sugʻd viloyati, Истаравшан");
            assertThat(applicant.getCell(9).getStringCellValue()).isEqualTo(tajik.code());
            Row child = sheet.getRow(names.indexOf("Ҷӯраева Зарина") + 1);
            assertThat(child.getCell(2).getLocalDateTimeCellValue()).isEqualTo(LocalDateTime.of(2016, 5, 1, 0, 0));
            assertThat(child.getCell(3).getStringCellValue()).isEqualTo("F");
            assertThat(child.getCell(9).getStringCellValue()).isEqualTo(tajik.code());
            Row uz = sheet.getRow(names.indexOf("Qodirov Gʻayrat") + 1);
            assertThat(uz.getCell(4).getStringCellValue()).isEqualTo("Uzbekistan");
            assertThat(uz.getCell(6).getStringCellValue()).isEqualTo("QD500600");
            assertThat(sheet.getPaneInformation().isFreezePane()).isTrue();
            assertThat(sheet.getPaneInformation().getHorizontalSplitPosition()).isEqualTo((short) 1);
            assertThat(book.getSheetAt(0).getCTWorksheet().isSetAutoFilter()).isTrue();
        }
    }

    @Test
    void theFormCountsTheConfirmedAndSaysWhoIsLeftOut() throws Exception {
        String page = coordinator.get("/admin/departures/" + departure + "/manifest").body();
        assertThat(page).contains("id=\"manifest-count\"").contains("3 people who confirmed");
        assertThat(page).contains("id=\"manifest-unconfirmed\"")
                .contains("2 registrations assigned (2 people) have not confirmed and are left out");
        assertThat(coordinator.get("/admin/departures/" + departure).body()).contains("id=\"manifest-link\"");
    }

    @Test
    void thePageToPrintHasTheRowsTheirRangeTheTotalAndASignatureLine() throws Exception {
        HttpResponse<byte[]> answer = manifest(coordinator, "format", "print", "reason", "paper copy for the driver");
        assertThat(answer.statusCode()).isEqualTo(200);
        assertThat(answer.headers().firstValue("cache-control")).hasValue("no-store");
        String page = new String(answer.body(), StandardCharsets.UTF_8);
        int at = -1;
        for (String name : expectedNames()) {
            int next = page.indexOf(name, at + 1);
            assertThat(next).as(name + " after the one before").isGreaterThan(at);
            at = next;
        }
        assertThat(page).contains("JR300400", "QD500600", "Rows 1–3 of 3", "Total passengers: 3", "Signature")
                .doesNotContain("Молчанов", "Неедущий", "ML100200");
    }

    @Test
    void aReasonIsRequired() throws Exception {
        HttpResponse<byte[]> none = manifest(coordinator, "format", "xlsx", "reason", "  ");
        assertThat(none.statusCode()).isEqualTo(422);
        assertThat(new String(none.body(), StandardCharsets.UTF_8)).contains("id=\"reason-error\"");
    }

    @Test
    void staffAreRefusedWith403AndSeeNoLink() throws Exception {
        Browser staff = admin.loggedIn("dilnoza.staff@example.org", Role.STAFF);
        assertThat(staff.get("/admin/departures/" + departure + "/manifest").statusCode()).isEqualTo(403);
        assertThat(staff.get("/admin/departures/" + departure).body()).doesNotContain("manifest-link");
        assertThat(staff.post("/admin/departures/" + departure + "/manifest", "format", "xlsx", "reason", "why not")
                .statusCode()).isEqualTo(403);
    }

    @Test
    void everyManifestLeavesAnAuditRowWithDepartureFormatRowsAndReason() throws Exception {
        Browser other = admin.loggedIn("audit.coordinator@example.org", Role.COORDINATOR);
        manifest(other, "format", "xlsx", "reason", "для пограничного поста");
        manifest(other, "format", "print", "reason", "для водителя");
        var entries = admin.database.dsl().selectFrom(AUDIT_LOG)
                .where(AUDIT_LOG.ACTION.eq("departure.manifest"), AUDIT_LOG.ACTOR_EMAIL.eq("audit.coordinator@example.org"))
                .orderBy(AUDIT_LOG.ID).fetch();
        assertThat(entries).hasSize(2);
        assertThat(entries.get(0).getSubject()).isEqualTo("departure:" + departure);
        assertThat(entries.get(0).getDetail()).isEqualTo("format=xlsx rows=3 reason=для пограничного поста");
        assertThat(entries.get(1).getDetail()).isEqualTo("format=print rows=3 reason=для водителя");
    }
}

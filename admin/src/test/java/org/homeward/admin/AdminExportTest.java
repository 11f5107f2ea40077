package org.homeward.admin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.homeward.db.jooq.Tables.AUDIT_LOG;
import static org.homeward.db.jooq.Tables.DEPARTURE;
import static org.homeward.db.jooq.Tables.DEPARTURE_ASSIGNMENT;
import static org.homeward.db.jooq.Tables.TRAVELLER;

import de.siegmar.fastcsv.reader.CsvReader;
import de.siegmar.fastcsv.reader.CsvRecord;
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
import java.util.Arrays;
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
 * Registration exports over real HTTP and PostgreSQL, read back with libraries other than the writers' own code
 * paths (FastCSV's reader, Apache POI): exactly the filtered people and values, Tajik and Uzbek letters, formula
 * payloads inert, headers only for no match, staff refused, every export audited.
 */
@Tag("slow")
class AdminExportTest {
    private static final List<String> PAYLOADS = List.of("=HYPERLINK(\"http://x\")", "@SUM(1+1)", "=1+2\";=1+2",
            "+1", "-1+2");
    private static final HttpClient HTTP = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();
    private static AdminFixture admin;
    private static Browser coordinator;
    private static Seed.Made tajik;
    private static Seed.Made uzbek;
    private static Seed.Made payloads;

    @BeforeAll
    static void start() throws Exception {
        admin = AdminFixture.start();
        Seed seed = new Seed(admin.database);
        tajik = seed.register(Language.TG, "Ҷӯраев Фарҳод", LocalDate.of(1985, 1, 2), "JR300400", "+992901110002",
                "zhibek_zholy", "tj_sughd", Set.of("pregnancy"), Instant.parse("2026-08-20T10:15:00Z"), "Ҷӯраева Зарина");
        uzbek = seed.register(Language.UZ, "Qodirov Gʻayrat", LocalDate.of(1979, 5, 6), "QD500600", "+998901110003",
                "zhibek_zholy", "tj_khatlon", Set.of(), Instant.parse("2026-08-21T09:00:00Z"));
        payloads = seed.register(Language.RU, "Каримов Шухрат", LocalDate.of(1980, 2, 3), "KR100200", "+992901110030",
                "zhibek_zholy", "tj_sughd", Set.of(), Instant.parse("2026-08-22T09:00:00Z"), "Один Ребёнок",
                "Два Ребёнок", "Три Ребёнок", "Четыре Ребёнок");
        // Names the bot would refuse, written straight into the database: an export must make them inert anyway.
        for (int i = 0; i < PAYLOADS.size(); i++) {
            admin.database.dsl().update(TRAVELLER).set(TRAVELLER.FULL_NAME, PAYLOADS.get(i))
                    .where(TRAVELLER.REGISTRATION_ID.eq(payloads.id()), TRAVELLER.POSITION.eq(i)).execute();
        }
        // The Tajik family is on a departure and has said it comes.
        var d = admin.database.dsl();
        int place = d.fetchSingle("select id from location where code = 'zhibek_zholy'").get(0, Integer.class);
        long departure = d.insertInto(DEPARTURE).set(DEPARTURE.LOCATION_ID, place)
                .set(DEPARTURE.DEPARTS_AT, Instant.parse("2026-09-05T06:30:00Z"))
                .set(DEPARTURE.MEETING_POINT_TG, "Дарвоза").set(DEPARTURE.MEETING_POINT_RU, "Ворота")
                .set(DEPARTURE.MEETING_POINT_UZ, "Darvoza").set(DEPARTURE.SEATS, 40)
                .returning(DEPARTURE.ID).fetchOne().getId();
        d.insertInto(DEPARTURE_ASSIGNMENT).set(DEPARTURE_ASSIGNMENT.REGISTRATION_ID, tajik.id())
                .set(DEPARTURE_ASSIGNMENT.DEPARTURE_ID, departure)
                .set(DEPARTURE_ASSIGNMENT.ANSWER, DepartureAnswer.CONFIRMED)
                .set(DEPARTURE_ASSIGNMENT.ANSWERED_AT, Instant.parse("2026-09-01T07:00:00Z")).execute();
        coordinator = admin.loggedIn("gulnora@example.org", Role.COORDINATOR);
    }

    @AfterAll
    static void stop() {
        admin.close();
    }

    /** The export POSTed with the coordinator's session, the body as bytes. */
    private static HttpResponse<byte[]> export(Browser b, String query, String... fields) throws Exception {
        b.get("/admin/registrations/export" + query);
        StringBuilder body = new StringBuilder("_csrf=" + URLEncoder.encode(b.csrf, StandardCharsets.UTF_8));
        for (int i = 0; i + 1 < fields.length; i += 2) {
            body.append('&').append(fields[i]).append('=').append(URLEncoder.encode(fields[i + 1], StandardCharsets.UTF_8));
        }
        return HTTP.send(HttpRequest.newBuilder(admin.base().resolve("/admin/registrations/export" + query))
                .header("Cookie", "homeward=" + b.cookie)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body.toString())).build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    private static List<List<String>> csv(byte[] body, char separator) throws Exception {
        assertThat(Arrays.copyOf(body, 3)).as("UTF-8 byte-order mark").containsExactly(0xEF, 0xBB, 0xBF);
        List<List<String>> rows = new ArrayList<>();
        try (CsvReader<CsvRecord> reader = CsvReader.builder().fieldSeparator(separator)
                .ofCsvRecord(new String(body, 3, body.length - 3, StandardCharsets.UTF_8))) {
            for (CsvRecord r : reader) {
                rows.add(r.getFields());
            }
        }
        return rows;
    }

    private static int column(List<String> headers, String name) {
        int i = headers.indexOf(name);
        assertThat(i).as("column " + name + " in " + headers).isNotNegative();
        return i;
    }

    @Test
    void csvWithTheListsFiltersHoldsExactlyThosePeopleReadBackByFastCsv() throws Exception {
        HttpResponse<byte[]> answer = export(coordinator, "?language=tg", "format", "csv", "separator", ";",
                "reason", "Список для консульства");
        assertThat(answer.statusCode()).isEqualTo(200);
        assertThat(answer.headers().firstValue("content-type").orElse("")).startsWith("text/csv");
        assertThat(answer.headers().firstValue("cache-control")).hasValue("no-store");
        assertThat(answer.headers().firstValue("content-disposition").orElse(""))
                .isEqualTo("attachment; filename=\"homeward-registrations-2026-09-01.csv\"");
        List<List<String>> rows = csv(answer.body(), ';');
        List<String> h = rows.getFirst();
        assertThat(h).startsWith("Code", "No.", "Relation", "Full name", "Date of birth");
        assertThat(rows).hasSize(3);
        List<String> applicant = rows.get(1);
        List<String> child = rows.get(2);
        assertThat(applicant.get(column(h, "Code"))).isEqualTo(tajik.code());
        assertThat(child.get(column(h, "Code"))).isEqualTo(tajik.code());
        assertThat(applicant.get(column(h, "Full name"))).isEqualTo("Ҷӯраев Фарҳод");
        assertThat(child.get(column(h, "Full name"))).isEqualTo("Ҷӯраева Зарина");
        assertThat(applicant.get(column(h, "Relation"))).isEqualTo("Applicant");
        assertThat(child.get(column(h, "Relation"))).isEqualTo("Child");
        assertThat(applicant.get(column(h, "Date of birth"))).isEqualTo("1985-01-02");
        assertThat(applicant.get(column(h, "Document number"))).isEqualTo("JR300400");
        assertThat(applicant.get(column(h, "Phone"))).as("a phone starts with +: neutralised").isEqualTo("'+992901110002");
        assertThat(applicant.get(column(h, "Needs"))).isEqualTo("Pregnancy");
        assertThat(applicant.get(column(h, "Language"))).isEqualTo("Tajik");
        assertThat(applicant.get(column(h, "Where to"))).isEqualTo("Sugʻd viloyati");
        assertThat(applicant.get(column(h, "Registered (UTC)"))).isEqualTo("2026-08-20 10:15");
        assertThat(applicant.get(column(h, "Departure"))).isEqualTo("2026-09-05 06:30");
        assertThat(child.get(column(h, "Departure answer"))).isEqualTo("coming");
    }

    @Test
    void xlsxReadBackByPoiHasTypedDatesTextCellsAndAFrozenFilteredHeader() throws Exception {
        HttpResponse<byte[]> answer = export(coordinator, "?destination=" + destination("tj_khatlon"), "format", "xlsx",
                "reason", "bus company list");
        assertThat(answer.statusCode()).isEqualTo(200);
        assertThat(answer.headers().firstValue("content-disposition").orElse(""))
                .isEqualTo("attachment; filename=\"homeward-registrations-2026-09-01.xlsx\"");
        try (XSSFWorkbook book = new XSSFWorkbook(new ByteArrayInputStream(answer.body()))) {
            Sheet sheet = book.getSheetAt(0);
            assertThat(sheet.getLastRowNum()).isEqualTo(1);
            List<String> h = new ArrayList<>();
            sheet.getRow(0).forEach(c -> h.add(c.getStringCellValue()));
            Row r = sheet.getRow(1);
            assertThat(r.getCell(column(h, "Full name")).getStringCellValue()).isEqualTo("Qodirov Gʻayrat");
            assertThat(r.getCell(column(h, "Code")).getStringCellValue()).isEqualTo(uzbek.code());
            Cell birth = r.getCell(column(h, "Date of birth"));
            assertThat(birth.getCellType()).isEqualTo(CellType.NUMERIC);
            assertThat(birth.getLocalDateTimeCellValue()).isEqualTo(LocalDateTime.of(1979, 5, 6, 0, 0));
            assertThat(r.getCell(column(h, "Registered (UTC)")).getLocalDateTimeCellValue())
                    .isEqualTo(LocalDateTime.of(2026, 8, 21, 9, 0));
            assertThat(r.getCell(column(h, "Phone")).getStringCellValue()).isEqualTo("+998901110003");
            assertThat(sheet.getPaneInformation().isFreezePane()).isTrue();
            assertThat(sheet.getPaneInformation().getHorizontalSplitPosition()).isEqualTo((short) 1);
            assertThat(book.getSheetAt(0).getCTWorksheet().isSetAutoFilter()).isTrue();
        }
    }

    @Test
    void formulaPayloadsComeBackInertInCsvAndAsTextCellsInXlsx() throws Exception {
        String query = "?q=" + payloads.code();
        List<List<String>> rows = csv(export(coordinator, query, "format", "csv", "separator", ";", "reason", "check")
                .body(), ';');
        int name = column(rows.getFirst(), "Full name");
        assertThat(rows.subList(1, rows.size()).stream().map(r -> r.get(name)).toList())
                .containsExactlyElementsOf(PAYLOADS.stream().map(p -> "'" + p).toList());
        List<List<String>> comma = csv(export(coordinator, query, "format", "csv", "separator", ",", "reason", "check")
                .body(), ',');
        assertThat(comma.subList(1, comma.size()).stream().map(r -> r.get(name)).toList())
                .containsExactlyElementsOf(PAYLOADS.stream().map(p -> "'" + p).toList());

        byte[] xlsx = export(coordinator, query, "format", "xlsx", "reason", "check").body();
        try (XSSFWorkbook book = new XSSFWorkbook(new ByteArrayInputStream(xlsx))) {
            Sheet sheet = book.getSheetAt(0);
            List<String> names = new ArrayList<>();
            for (Row r : sheet) {
                for (Cell c : r) {
                    assertThat(c.getCellType()).as("cell " + c.getAddress()).isNotEqualTo(CellType.FORMULA);
                }
                if (r.getRowNum() > 0) {
                    Cell c = r.getCell(name);
                    assertThat(c.getCellType()).isEqualTo(CellType.STRING);
                    names.add(c.getStringCellValue());
                }
            }
            assertThat(names).containsExactlyElementsOf(PAYLOADS);
        }
    }

    @Test
    void aFilterMatchingNothingSaysSoAndGivesHeadersOnly() throws Exception {
        String query = "?q=Nobody+Nowhere";
        String page = new String(coordinator.get("/admin/registrations/export" + query).body().getBytes(StandardCharsets.UTF_8),
                StandardCharsets.UTF_8);
        assertThat(page).contains("id=\"export-empty\"").doesNotContain("id=\"export-count\"");
        List<List<String>> rows = csv(export(coordinator, query, "format", "csv", "separator", ",", "reason", "x").body(), ',');
        assertThat(rows).hasSize(1);
        assertThat(rows.getFirst()).contains("Full name");
        try (XSSFWorkbook book = new XSSFWorkbook(new ByteArrayInputStream(
                export(coordinator, query, "format", "xlsx", "reason", "x").body()))) {
            assertThat(book.getSheetAt(0).getLastRowNum()).isZero();
            assertThat(book.getSheetAt(0).getRow(0).getCell(3).getStringCellValue()).isEqualTo("Full name");
        }
    }

    @Test
    void theExportPageCountsWhatTheFiltersGive() throws Exception {
        String page = coordinator.get("/admin/registrations/export?language=tg").body();
        assertThat(page).contains("id=\"export-count\"").contains("2 people on 1 registration");
        assertThat(coordinator.get("/admin/registrations?language=tg").body())
                .contains("/admin/registrations/export?language=tg");
    }

    @Test
    void aReasonIsRequiredAndShortAndTheFormIsShownAgain() throws Exception {
        HttpResponse<byte[]> none = export(coordinator, "?language=uz", "format", "csv", "separator", ";", "reason", "  ");
        assertThat(none.statusCode()).isEqualTo(422);
        String body = new String(none.body(), StandardCharsets.UTF_8);
        assertThat(body).contains("id=\"reason-error\"").contains("Say why you export");
        assertThat(body).contains("value=\";\" selected");
        HttpResponse<byte[]> tooLong = export(coordinator, "?language=uz", "format", "csv", "reason", "x".repeat(201));
        assertThat(tooLong.statusCode()).isEqualTo(422);
        assertThat(new String(tooLong.body(), StandardCharsets.UTF_8)).contains("At most 200 characters.")
                .contains("x".repeat(201));
    }

    @Test
    void staffAreRefusedWith403() throws Exception {
        Browser staff = admin.loggedIn("dilnoza.staff@example.org", Role.STAFF);
        assertThat(staff.get("/admin/registrations/export").statusCode()).isEqualTo(403);
        staff.get("/admin/account");
        assertThat(staff.post("/admin/registrations/export", "format", "csv", "reason", "why not").statusCode())
                .isEqualTo(403);
        assertThat(staff.get("/admin/registrations").body()).doesNotContain("export-link");
    }

    @Test
    void everyExportLeavesAnAuditRowWithWhoFiltersRowsAndReason() throws Exception {
        Browser other = admin.loggedIn("audit.coordinator@example.org", Role.COORDINATOR);
        export(other, "?language=tg&q=" + URLEncoder.encode("Ҷӯраев", StandardCharsets.UTF_8), "format", "xlsx",
                "reason", "для автобусной компании");
        export(other, "?status=cancelled", "format", "csv", "separator", ";", "reason", "empty check");
        var entries = admin.database.dsl().selectFrom(AUDIT_LOG)
                .where(AUDIT_LOG.ACTION.eq("registrations.export"), AUDIT_LOG.ACTOR_EMAIL.eq("audit.coordinator@example.org"))
                .orderBy(AUDIT_LOG.ID).fetch();
        assertThat(entries).hasSize(2);
        assertThat(entries.get(0).getDetail()).contains("format=xlsx").contains("rows=2").contains("language=tg")
                .contains("q=%28search%29").doesNotContain("Ҷӯраев").endsWith("reason=для автобусной компании");
        assertThat(entries.get(1).getDetail()).contains("format=csv separator=;").contains("rows=0")
                .contains("status=cancelled").endsWith("reason=empty check");
    }

    private static int destination(String code) {
        return admin.database.dsl().fetchSingle("select id from destination where code = ?", code).get(0, Integer.class);
    }
}

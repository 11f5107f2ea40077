package org.homeward.admin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.homeward.db.jooq.Tables.DEPARTURE;
import static org.homeward.db.jooq.Tables.DEPARTURE_ASSIGNMENT;

import de.siegmar.fastcsv.reader.CsvReader;
import de.siegmar.fastcsv.reader.CsvRecord;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.homeward.admin.web.Role;
import org.homeward.db.enums.DepartureAnswer;
import org.homeward.i18n.Language;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * A coordinator, with real Chromium, downloads a departure's passenger manifest as XLSX and a filtered
 * registrations export as CSV; both files arrive in the download folder holding the expected rows.
 */
@Tag("slow")
class AdminManifestBrowserTest {

    @TempDir
    Path dir;
    private Path downloads;
    private AdminFixture admin;
    private WebDriver driver;
    private WebDriverWait wait;

    @BeforeEach
    void start() throws Exception {
        Chromium.assumeInstalled();
        admin = AdminFixture.start();
        downloads = Files.createDirectories(dir.resolve("downloads"));
        driver = Chromium.start(dir, "1024,900", downloads);
        wait = new WebDriverWait(driver, Duration.ofSeconds(30));
    }

    @AfterEach
    void stop() {
        if (driver != null) {
            driver.quit();
        }
        if (admin != null) {
            admin.close();
        }
    }

    @Test
    void aCoordinatorDownloadsAManifestAndAFilteredExport() throws Exception {
        Seed seed = new Seed(admin.database);
        var tajik = seed.register(Language.TG, "Ҷӯраев Фарҳод", LocalDate.of(1985, 1, 2), "JR300400", "+992901110002",
                "zhibek_zholy", "tj_sughd", Set.of(), Instant.parse("2026-08-20T10:15:00Z"), "Ҷӯраева Зарина");
        var uzbek = seed.register(Language.UZ, "Qodirov Gʻayrat", LocalDate.of(1979, 5, 6), "QD500600", "+998901110003",
                "zhibek_zholy", "tj_khatlon", Set.of(), Instant.parse("2026-08-21T09:00:00Z"));
        var d = admin.database.dsl();
        int place = d.fetchSingle("select id from location where code = 'zhibek_zholy'").get(0, Integer.class);
        long departure = d.insertInto(DEPARTURE).set(DEPARTURE.LOCATION_ID, place)
                .set(DEPARTURE.DEPARTS_AT, Instant.parse("2026-09-05T06:30:00Z"))
                .set(DEPARTURE.MEETING_POINT_TG, "Дарвоза").set(DEPARTURE.MEETING_POINT_RU, "Ворота")
                .set(DEPARTURE.MEETING_POINT_UZ, "Darvoza").set(DEPARTURE.SEATS, 40)
                .returning(DEPARTURE.ID).fetchOne().getId();
        d.insertInto(DEPARTURE_ASSIGNMENT).set(DEPARTURE_ASSIGNMENT.REGISTRATION_ID, tajik.id())
                .set(DEPARTURE_ASSIGNMENT.DEPARTURE_ID, departure).set(DEPARTURE_ASSIGNMENT.ANSWER, DepartureAnswer.CONFIRMED)
                .set(DEPARTURE_ASSIGNMENT.ANSWERED_AT, Instant.parse("2026-09-01T07:00:00Z")).execute();
        d.insertInto(DEPARTURE_ASSIGNMENT).set(DEPARTURE_ASSIGNMENT.REGISTRATION_ID, uzbek.id())
                .set(DEPARTURE_ASSIGNMENT.DEPARTURE_ID, departure).execute();
        admin.account("coordinator@example.org", Role.COORDINATOR, "en", null);

        driver.get(admin.base() + "/admin/login");
        driver.findElement(By.id("email")).sendKeys("coordinator@example.org");
        driver.findElement(By.id("password")).sendKeys(AdminFixture.PASSWORD);
        driver.findElement(By.id("login")).click();
        wait.until(ExpectedConditions.not(ExpectedConditions.urlContains("/login")));

        // The manifest, from the departure's page: only the family that confirmed.
        driver.get(admin.base() + "/admin/departures/" + departure);
        wait.until(ExpectedConditions.elementToBeClickable(By.id("manifest-link"))).click();
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("reason"))).sendKeys("border post list");
        driver.findElement(By.id("manifest")).click();
        Path xlsx = arrived("homeward-manifest-" + departure + "-2026-09-05.xlsx");
        List<String> names = new ArrayList<>();
        try (InputStream in = Files.newInputStream(xlsx); XSSFWorkbook book = new XSSFWorkbook(in)) {
            Sheet sheet = book.getSheetAt(0);
            for (int i = 1; i <= sheet.getLastRowNum(); i++) {
                names.add(sheet.getRow(i).getCell(1).getStringCellValue());
            }
        }
        assertThat(names).containsExactly("Ҷӯраев Фарҳод", "Ҷӯраева Зарина");

        // The registrations filtered by language, as CSV: the Uzbek applicant alone.
        driver.get(admin.base() + "/admin/registrations?language=uz");
        wait.until(ExpectedConditions.elementToBeClickable(By.id("export-link"))).click();
        wait.until(ExpectedConditions.elementToBeClickable(By.cssSelector("input[name=format][value=csv]"))).click();
        driver.findElement(By.id("reason")).sendKeys("consulate list");
        driver.findElement(By.id("export")).click();
        Path csv = arrivedEndingWith(".csv");
        assertThat(csv.getFileName().toString()).startsWith("homeward-registrations-");
        List<List<String>> rows = new ArrayList<>();
        String text = Files.readString(csv, StandardCharsets.UTF_8);
        try (CsvReader<CsvRecord> reader = CsvReader.builder().ofCsvRecord(text.substring(1))) {
            for (CsvRecord r : reader) {
                rows.add(r.getFields());
            }
        }
        assertThat(text.charAt(0)).as("byte-order mark").isEqualTo('\uFEFF');
        assertThat(rows).hasSize(2);
        int name = rows.getFirst().indexOf("Full name");
        assertThat(rows.get(1).get(name)).isEqualTo("Qodirov Gʻayrat");
        assertThat(rows.get(1)).contains(uzbek.code());
    }

    /** Waits until Chromium has finished writing this file (no partial download left beside it). */
    private Path arrived(String name) {
        Path file = downloads.resolve(name);
        wait.withMessage(() -> "no " + name + " in " + list()).until(d -> Files.isRegularFile(file) && partials() == 0);
        return file;
    }

    private Path arrivedEndingWith(String suffix) {
        Path[] found = new Path[1];
        wait.withMessage(() -> "no *" + suffix + " in " + list()).until(d -> {
            Optional<Path> f = files().stream().filter(p -> p.getFileName().toString().endsWith(suffix)).findFirst();
            f.ifPresent(p -> found[0] = p);
            return f.isPresent() && partials() == 0;
        });
        return found[0];
    }

    private long partials() {
        return files().stream().filter(p -> p.getFileName().toString().endsWith(".crdownload")).count();
    }

    private List<Path> files() {
        try (Stream<Path> s = Files.list(downloads)) {
            return s.toList();
        } catch (IOException e) {
            return List.of();
        }
    }

    private String list() {
        return files().toString();
    }
}

package org.homeward.admin;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Set;
import org.homeward.admin.web.Role;
import org.homeward.i18n.Language;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Staff, with real Chromium (issue 13): create a departure, give its seats to the most urgent waiting people up to
 * the seats (never over, a family never split), and change its time; the page shows each step.
 */
@Tag("slow")
class AdminDeparturesBrowserTest {
    @TempDir
    Path dir;
    private AdminFixture admin;
    private WebDriver driver;
    private WebDriverWait wait;

    @BeforeEach
    void start() throws Exception {
        Chromium.assumeInstalled();
        admin = AdminFixture.start();
        driver = Chromium.start(dir, "1024,900", null);
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

    /** Sets a date or time input's value as the picker would (its typed form depends on the browser's locale). */
    private void set(String id, String value) {
        WebElement input = driver.findElement(By.id(id));
        ((JavascriptExecutor) driver).executeScript("arguments[0].value = arguments[1];", input, value);
    }

    private void type(String id, String value) {
        WebElement input = driver.findElement(By.id(id));
        input.clear();
        input.sendKeys(value);
    }

    @Test
    void staffCreateADepartureAssignTheMostUrgentUpToTheSeatsAndChangeItsTime() {
        Seed seed = new Seed(admin.database);
        var plain = seed.register(Language.RU, "Назаров Акмал", LocalDate.of(1990, 1, 1), "DB100001", "+992901250001",
                "zhibek_zholy", "tj_sughd", Set.of(), Instant.parse("2026-08-01T10:00:00Z"));
        var family = seed.register(Language.TG, "Ҷӯраев Фарҳод", LocalDate.of(1985, 1, 2), "DB100002", "+992901250002",
                "zhibek_zholy", "tj_sughd", Set.of("pregnancy"), Instant.parse("2026-08-20T10:00:00Z"),
                "Ҷӯраева Мадина", "Ҷӯраева Нигина");
        var child = seed.register(Language.UZ, "Qodirov Gʻayrat", LocalDate.of(2011, 5, 6), "DB100003", "+998901250003",
                "zhibek_zholy", "tj_sughd", Set.of("unaccompanied_child"), Instant.parse("2026-08-25T10:00:00Z"));
        var ill = seed.register(Language.RU, "Каримов Далер", LocalDate.of(1960, 5, 6), "DB100004", "+992901250004",
                "zhibek_zholy", "tj_sughd", Set.of("illness"), Instant.parse("2026-08-26T10:00:00Z"));
        admin.account("staff@example.org", Role.STAFF, "en", null);

        driver.get(admin.base() + "/admin/login");
        driver.findElement(By.id("email")).sendKeys("staff@example.org");
        driver.findElement(By.id("password")).sendKeys(AdminFixture.PASSWORD);
        driver.findElement(By.id("login")).click();
        wait.until(ExpectedConditions.not(ExpectedConditions.urlContains("/login")));

        // A new departure from Zhibek Zholy with 4 seats.
        driver.get(admin.base() + "/admin/departures");
        WebElement form = wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("new-departure")));
        new Select(form.findElement(By.id("place"))).selectByValue(String.valueOf(
                admin.database.dsl().fetchSingle("select id from location where code = 'zhibek_zholy'").get(0, Integer.class)));
        set("date", "2026-09-10");
        set("time", "07:30");
        type("meeting_tg", "Назди дарвозаи асосӣ");
        type("meeting_ru", "У главных ворот");
        type("meeting_uz", "Asosiy darvoza oldida");
        type("seats", "4");
        form.findElement(By.cssSelector("button[type=submit]")).click();
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("done")));
        assertThat(driver.findElement(By.tagName("h1")).getText()).contains("2026-09-10 07:30");
        assertThat(driver.findElement(By.id("seats")).getText()).contains("0").contains("4");

        // The waiting list in urgency order: the child, the pregnant mother's family, the ill man, the longest waiting.
        List<String> order = driver.findElements(By.cssSelector("#waiting tbody tr")).stream()
                .map(r -> r.getAttribute("data-id")).toList();
        assertThat(order).containsExactly(String.valueOf(child.id()), String.valueOf(family.id()),
                String.valueOf(ill.id()), String.valueOf(plain.id()));

        // Fill: the child (1) and the family (3) take the 4 seats; nobody else, never over.
        driver.findElement(By.cssSelector("#fill button[type=submit]")).click();
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("passengers")));
        List<String> on = driver.findElements(By.cssSelector("#passengers tbody tr")).stream()
                .map(r -> r.getAttribute("data-id")).toList();
        assertThat(on).containsExactlyInAnyOrder(String.valueOf(child.id()), String.valueOf(family.id()));
        assertThat(driver.findElement(By.id("seats")).getText()).contains("4 taken, 0 free");
        assertThat(driver.findElements(By.cssSelector("#waiting tbody tr")).stream().map(r -> r.getAttribute("data-id")))
                .containsExactly(String.valueOf(ill.id()), String.valueOf(plain.id()));

        // The time changes to 09:15: saved, the page shows it, the passengers are asked again.
        set("time", "09:15");
        driver.findElement(By.cssSelector("#edit-departure button[type=submit]")).click();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.tagName("h1"), "2026-09-10 09:15"));
        assertThat(driver.findElement(By.id("done")).getText()).isNotBlank();
        assertThat(admin.database.dsl().fetchCount(org.homeward.db.jooq.Tables.DELIVERY,
                org.homeward.db.jooq.Tables.DELIVERY.CHAT_ID.eq(child.chatId()))).isEqualTo(2);
    }
}

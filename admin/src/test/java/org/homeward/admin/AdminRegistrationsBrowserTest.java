package org.homeward.admin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.homeward.db.jooq.Tables.REGISTRATION;

import java.nio.file.Path;
import java.time.Duration;
import org.homeward.admin.web.Role;
import org.homeward.db.enums.StaffStatus;
import org.homeward.i18n.AdminTexts;
import org.homeward.i18n.StaffLanguage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * A member of staff, with real Chromium, in Russian and in English: logs in, finds a registration typed in Cyrillic
 * by its Latin spelling, opens it, corrects a field, changes its status, and merges a duplicate.
 */
@Tag("slow")
class AdminRegistrationsBrowserTest {
    private static final AdminTexts TEXTS = AdminTexts.get();

    @TempDir
    Path dir;
    private AdminFixture admin;
    private WebDriver driver;
    private WebDriverWait wait;

    @BeforeEach
    void start() throws Exception {
        Chromium.assumeInstalled();
        admin = AdminFixture.start();
        driver = Chromium.start(dir, "420,900", null);
        wait = new WebDriverWait(driver, Duration.ofSeconds(20));
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

    @ParameterizedTest
    @EnumSource(StaffLanguage.class)
    void staffFindCorrectMoveAndMergeARegistration(StaffLanguage language) throws Exception {
        Seed seed = new Seed(admin.database);
        var nazarov = seed.register("Назаров Акмал", "NZ123456", "+992901234501");
        var twice = seed.register("Akmal Nazarov", "NZ654321", "+992901234502");
        seed.register("Каримов Далер", "KR123456", "+992901234503");
        admin.account("staff@example.org", Role.STAFF, language.code(), null);

        driver.get(admin.base() + "/admin/login");
        driver.findElement(By.id("email")).sendKeys("staff@example.org");
        driver.findElement(By.id("password")).sendKeys(AdminFixture.PASSWORD);
        driver.findElement(By.id("login")).click();
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("chart-day")));

        // Search by the Latin spelling of the Cyrillic name: both registrations of the same man are found.
        driver.findElement(By.linkText(text(language, "nav.registrations"))).click();
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("q"))).sendKeys("nazarov");
        driver.findElement(By.id("search")).click();
        // The unfiltered list shows the code too: wait for the searched page itself, not just the code.
        wait.until(ExpectedConditions.urlContains("q=nazarov"));
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("results"), nazarov.code()));
        assertThat(driver.findElement(By.id("results")).getText()).contains(twice.code()).doesNotContain("Каримов")
                .doesNotContain("NZ123456");

        // Open it and correct the district.
        driver.findElement(By.linkText(nazarov.code())).click();
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("registration-title")));
        assertThat(driver.findElement(By.id("people")).getText()).contains("Назаров Акмал", "NZ123456");
        WebElement district = driver.findElement(By.id("district"));
        district.clear();
        district.sendKeys("Хуҷанд");
        driver.findElement(By.id("save")).click();
        wait.until(ExpectedConditions.textToBe(By.id("done"), text(language, "registration.done.saved")));
        assertThat(driver.findElement(By.id("route")).getText()).contains("Хуҷанд");

        // Move it on: verified.
        new Select(driver.findElement(By.id("new-status"))).selectByValue("verified");
        driver.findElement(By.id("move")).click();
        wait.until(ExpectedConditions.textToBe(By.id("done"), text(language, "registration.done.status")));
        assertThat(driver.findElement(By.id("status")).getText()).isEqualTo(text(language, "status.verified"));

        // The duplicate typed in Latin is listed; keep the first, the other is cancelled as its duplicate.
        driver.findElement(By.linkText(text(language, "nav.duplicates"))).click();
        WebElement pair = wait.until(ExpectedConditions.visibilityOfElementLocated(
                By.cssSelector(".pair[data-first='" + nazarov.id() + "']")));
        assertThat(pair.getText()).contains(text(language, "duplicates.reason.name_birth"));
        pair.findElement(By.className("merge-keep-first")).click();
        wait.until(ExpectedConditions.textToBe(By.id("done"), text(language, "duplicates.done.merged")));
        assertThat(driver.findElements(By.cssSelector(".pair[data-first='" + nazarov.id() + "']"))).isEmpty();
        var dropped = admin.database.dsl().selectFrom(REGISTRATION).where(REGISTRATION.ID.eq(twice.id())).fetchSingle();
        assertThat(dropped.getStaffStatus()).isEqualTo(StaffStatus.CANCELLED);
        assertThat(dropped.getCancelReason()).isEqualTo("duplicate of " + nazarov.code());
    }

    private static String text(StaffLanguage language, String key) {
        return TEXTS.format(language, key);
    }
}

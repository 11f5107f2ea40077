package org.homeward.admin;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.homeward.admin.web.Role;
import org.homeward.i18n.AdminTexts;
import org.homeward.i18n.StaffLanguage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/** A member logs in with real Chromium, on a phone-sized window, in Russian and in English, and sees the home page. */
@Tag("slow")
class AdminBrowserTest {
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
        driver = Chromium.start(dir, "420,800", null);
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

    @Test
    void aMemberLogsInInRussianAndSeesTheHomePage() throws Exception {
        admin.account("dilnoza@example.org", Role.STAFF, "ru", null);
        driver.get(admin.base() + "/admin/");
        wait.until(ExpectedConditions.urlContains("/admin/login"));
        // The browser asks for English; the switch on the login page gives Russian.
        assertThat(driver.findElement(By.tagName("h1")).getText()).isEqualTo(text(StaffLanguage.EN, "login.title"));
        driver.findElement(By.id("lang-switch")).click();
        wait.until(ExpectedConditions.textToBe(By.tagName("h1"), text(StaffLanguage.RU, "login.title")));
        logIn("dilnoza@example.org");
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("home-title")));
        assertThat(driver.findElement(By.id("home-title")).getText()).isEqualTo(text(StaffLanguage.RU, "home.title"));
        assertThat(driver.findElements(By.id("chart-day"))).hasSize(1);
        // htmx loaded from our own server under the CSP.
        assertThat(((JavascriptExecutor) driver).executeScript("return typeof htmx")).isEqualTo("object");
        screenshot("homeward-admin-home-ru.png");

        // The member switches to English: kept on the account.
        driver.findElement(By.id("lang-switch")).click();
        wait.until(ExpectedConditions.textToBe(By.id("home-title"), text(StaffLanguage.EN, "home.title")));
    }

    @Test
    void aMemberLogsInInEnglishAndSeesTheHomePage() throws Exception {
        admin.account("james@example.org", Role.COORDINATOR, "en", null);
        driver.get(admin.base() + "/admin/login");
        logIn("james@example.org");
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("home-title")));
        assertThat(driver.findElement(By.id("home-title")).getText()).isEqualTo(text(StaffLanguage.EN, "home.title"));
        assertThat(driver.findElement(By.tagName("main")).getText()).contains("james@example.org",
                text(StaffLanguage.EN, "role.coordinator"));
        screenshot("homeward-admin-home-en.png");

        driver.findElement(By.id("logout")).click();
        wait.until(ExpectedConditions.urlContains("/admin/login"));
        assertThat(driver.findElement(By.className("notice")).getText())
                .isEqualTo(text(StaffLanguage.EN, "login.notice.logged_out"));
    }

    private void logIn(String email) {
        driver.findElement(By.id("email")).sendKeys(email);
        driver.findElement(By.id("password")).sendKeys(AdminFixture.PASSWORD);
        driver.findElement(By.id("login")).click();
    }

    private static String text(StaffLanguage language, String key) {
        return TEXTS.format(language, key);
    }

    private void screenshot(String name) throws Exception {
        Files.write(Path.of(System.getProperty("java.io.tmpdir"), name),
                ((TakesScreenshot) driver).getScreenshotAs(OutputType.BYTES));
    }
}

package org.homeward.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.homeward.i18n.Language;
import org.homeward.i18n.Messages;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

/** Homeward as the README starts it (no configuration): the simulator page in Chromium, /start answered. */
class SimulatorBrowserTest {
    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");

    @TempDir
    Path dir;
    private Homeward homeward;
    private WebDriver driver;

    @BeforeEach
    void start() throws Exception {
        Assumptions.assumeTrue(Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER),
                "Skipped: Debian's chromium and chromium-driver are not installed (.ci/run installs them)");
        homeward = Homeward.start(Config.defaults(0, dir.resolve("data")));
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toString());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run",
                "--window-size=420,800", "--user-data-dir=" + Files.createDirectories(dir.resolve("profile")));
        driver = new ChromeDriver(new ChromeDriverService.Builder()
                .usingDriverExecutable(CHROMEDRIVER.toFile()).usingAnyFreePort().build(), options);
    }

    @AfterEach
    void stop() {
        if (driver != null) {
            driver.quit();
        }
        if (homeward != null) {
            homeward.close();
        }
    }

    @Test
    void aNewUserSendsStartAndTheBotAnswersInTheirLanguage() throws Exception {
        WebDriverWait wait = new WebDriverWait(driver, Duration.ofSeconds(20));
        driver.get("http://localhost:" + homeward.httpPort() + "/"); // the root offers the simulator and the admin app
        driver.findElement(By.id("to-simulator")).click();
        wait.until(ExpectedConditions.urlContains("/simulator"));

        driver.findElement(By.id("new-user-toggle")).click();
        driver.findElement(By.id("new-user-name")).sendKeys("Dilshod");
        new Select(driver.findElement(By.id("new-user-lang"))).selectByValue("tg");
        driver.findElement(By.id("new-user-create")).click();
        WebElement text = wait.until(ExpectedConditions.elementToBeClickable(By.id("text")));
        text.sendKeys("/start");
        driver.findElement(By.id("send")).click();

        // Telegram's language setting (tg) picks the greeting; the three languages are buttons, each in itself.
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector(".msg.bot .bubble"),
                Messages.get().format(Language.TG, "lang.choose")));
        assertThat(driver.findElements(By.cssSelector(".msg.bot .inline-btn"))).extracting(WebElement::getText)
                .contains("Тоҷикӣ", "Русский", "Oʻzbekcha");

        driver.findElements(By.cssSelector(".msg.bot .inline-btn")).stream()
                .filter(b -> b.getText().equals("Русский")).findFirst().orElseThrow().click();
        // Then, in Russian, the privacy notice comes before any personal question.
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("chat"),
                Messages.get().format(Language.RU, "btn.consent.agree")));
        Files.write(Path.of(System.getProperty("java.io.tmpdir"), "homeward-simulator.png"),
                ((ChromeDriver) driver).getScreenshotAs(OutputType.BYTES));
    }
}

package org.homeward.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.homeward.admin.account.Passwords;
import org.homeward.telegram.fake.FakeBot;
import org.jooq.DSLContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Issue 13's "done when", in Chromium against Homeward in simulator mode with its real delivery engine: a staff
 * member writes a broadcast in three languages, targets one place, sees the count and sends it; being above the
 * approval threshold (2 here) it waits until a second staff member approves it; both watch it complete, and each
 * simulated person at that place got it in their own language, nobody elsewhere.
 */
@Tag("slow")
class BroadcastBrowserTest {
    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    private static final String PASSWORD = "correct horse battery staple";

    @TempDir
    Path dir;
    private Homeward homeward;
    private WebDriver alisher;
    private WebDriver dilnoza;

    @BeforeEach
    void start() throws Exception {
        Assumptions.assumeTrue(Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER),
                "Skipped: Debian's chromium and chromium-driver are not installed (.ci/run installs them)");
        homeward = Homeward.start(Config.fromEnvironment(Map.of("HTTP_PORT", "0",
                "DATA_DIR", dir.resolve("data").toString(), "BROADCAST_APPROVAL_ABOVE", "2")));
        alisher = browser("a");
        dilnoza = browser("b");
    }

    private WebDriver browser(String name) throws Exception {
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toString());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run",
                "--lang=en-US", "--window-size=1000,2600",
                "--user-data-dir=" + Files.createDirectories(dir.resolve("profile-" + name)));
        return new ChromeDriver(new ChromeDriverService.Builder()
                .usingDriverExecutable(CHROMEDRIVER.toFile()).usingAnyFreePort().build(), options);
    }

    @AfterEach
    void stop() {
        for (WebDriver d : new WebDriver[] {alisher, dilnoza}) {
            if (d != null) {
                d.quit();
            }
        }
        if (homeward != null) {
            homeward.close();
        }
    }

    private String url(String path) {
        return "http://localhost:" + homeward.httpPort() + path;
    }

    private void login(WebDriver d, String email) {
        d.get(url("/admin/login"));
        d.findElement(By.id("email")).sendKeys(email);
        d.findElement(By.id("password")).sendKeys(PASSWORD);
        d.findElement(By.id("login")).click();
        new WebDriverWait(d, Duration.ofSeconds(20)).until(ExpectedConditions.presenceOfElementLocated(By.id("logout")));
    }

    @Test
    void aStaffMemberWritesInThreeLanguagesTargetsOnePlaceAndASecondApprovesThenBothWatchItComplete() {
        DSLContext dsl = homeward.database().dsl();
        String hash = Passwords.owasp().hash(PASSWORD);
        for (String email : new String[] {"alisher@example.org", "dilnoza@example.org"}) {
            dsl.execute("insert into staff_account (email, role, language, password_hash, created_at, updated_at)"
                    + " values (?, 'staff', 'en', ?, now(), now())", email, hash);
        }
        // Simulated people known to the bot: three at Almaty (tg, ru, uz), one in Moscow.
        FakeBot bot = homeward.simulator().orElseThrow().bot(Homeward.SIMULATOR_TOKEN);
        int almaty = dsl.fetchSingle("select id from location where code = 'almaty'").get(0, Integer.class);
        int moscow = dsl.fetchSingle("select id from location where code = 'moscow'").get(0, Integer.class);
        long tg = person(dsl, bot, "tg", almaty);
        long ru = person(dsl, bot, "ru", almaty);
        long uz = person(dsl, bot, "uz", almaty);
        long elsewhere = person(dsl, bot, "ru", moscow);

        login(alisher, "alisher@example.org");
        alisher.get(url("/admin/broadcasts"));
        alisher.findElement(By.id("new-broadcast")).click();
        WebDriverWait a = new WebDriverWait(alisher, Duration.ofSeconds(30));
        a.until(ExpectedConditions.presenceOfElementLocated(By.id("text_tg"))).sendKeys("Автобус пагоҳ соати 8:00");
        alisher.findElement(By.id("text_ru")).sendKeys("Автобус завтра в 8:00");
        alisher.findElement(By.id("text_uz")).sendKeys("Avtobus ertaga soat 8:00");
        alisher.findElement(By.cssSelector("input[name=place][value='" + almaty + "']")).click();
        // The live count (htmx) follows the filter: three people at Almaty.
        a.until(ExpectedConditions.textToBePresentInElementLocated(By.id("reach"), "3 people"));
        assertThat(alisher.findElement(By.cssSelector("#preview-uz .bubble")).getText()).isEqualTo("Avtobus ertaga soat 8:00");
        screenshot(alisher, "homeward-broadcast-composer.png");
        alisher.findElement(By.id("create")).click();
        a.until(ExpectedConditions.presenceOfElementLocated(By.id("count-now")));
        assertThat(alisher.findElement(By.id("count-now")).getText()).isEqualTo("3");
        assertThat(alisher.findElements(By.id("needs-approval"))).isNotEmpty();
        alisher.findElement(By.id("send")).click();
        a.until(ExpectedConditions.attributeToBe(By.id("state"), "data-state", "awaiting_approval"));
        assertThat(alisher.findElements(By.id("approve"))).isEmpty();
        String page = alisher.getCurrentUrl().replaceAll("\\?.*", "");

        login(dilnoza, "dilnoza@example.org");
        dilnoza.get(page);
        WebDriverWait b = new WebDriverWait(dilnoza, Duration.ofSeconds(30));
        b.until(ExpectedConditions.elementToBeClickable(By.id("approve"))).click();
        b.until(ExpectedConditions.attributeToBe(By.id("state"), "data-state", "sent"));
        alisher.get(page);

        // Both pages poll the progress until nobody is waiting.
        for (WebDriverWait wait : new WebDriverWait[] {a, b}) {
            wait.until(ExpectedConditions.attributeToBe(By.id("progress-facts"), "data-done", "true"));
        }
        assertThat(alisher.findElement(By.id("p-sent")).getText()).isEqualTo("3");
        assertThat(dilnoza.findElement(By.id("p-sent")).getText()).isEqualTo("3");
        assertThat(dilnoza.findElement(By.id("approver")).getText()).isEqualTo("dilnoza@example.org");
        screenshot(dilnoza, "homeward-broadcast-progress.png");

        assertThat(bot.messagesTo(tg)).extracting(m -> m.text()).containsExactly("Автобус пагоҳ соати 8:00");
        assertThat(bot.messagesTo(ru)).extracting(m -> m.text()).containsExactly("Автобус завтра в 8:00");
        assertThat(bot.messagesTo(uz)).extracting(m -> m.text()).containsExactly("Avtobus ertaga soat 8:00");
        assertThat(bot.messagesTo(elsewhere)).isEmpty();
    }

    /** Kept for a human to look at, as the simulator test does. */
    private static void screenshot(WebDriver d, String name) {
        try {
            Files.write(Path.of(System.getProperty("java.io.tmpdir"), name),
                    ((ChromeDriver) d).getScreenshotAs(org.openqa.selenium.OutputType.BYTES));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static long person(DSLContext dsl, FakeBot bot, String language, int place) {
        long chat = bot.newUser("P", language).chatId();
        dsl.execute("insert into telegram_user (chat_id, language) values (?, ?)", chat, language);
        dsl.execute("insert into registration (chat_id, status, location_id) values (?, 'confirmed', ?)", chat, place);
        return chat;
    }
}

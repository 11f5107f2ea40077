package org.homeward.admin;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Set;
import org.homeward.admin.web.Role;
import org.homeward.i18n.Language;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * A member of staff, with real Chromium, changes the COVID test requirement in three languages, sees the notice and
 * how many people it will reach before publishing (htmx), publishes it, and finds the new version in the history.
 */
@Tag("slow")
class AdminRequirementsBrowserTest {
    @TempDir
    Path dir;
    private AdminFixture admin;
    private WebDriver driver;
    private WebDriverWait wait;

    @BeforeEach
    void start() throws Exception {
        Chromium.assumeInstalled();
        admin = AdminFixture.start();
        driver = Chromium.start(dir, "1280,1000", dir.resolve("downloads"));
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

    private void type(String id, String text) {
        WebElement field = driver.findElement(By.id(id));
        field.clear();
        field.sendKeys(text);
    }

    @Test
    void staffEditARequirementInThreeLanguagesSeeTheCountPublishAndFindTheVersionInTheHistory() throws Exception {
        Seed seed = new Seed(admin.database);
        // One person on the COVID requirement's route (Kazakhstan → Tajikistan), one on another.
        seed.register(Language.TG, "Раҳимов Алишер", LocalDate.of(1991, 2, 3), "RB300001", "+992901250001",
                "zhibek_zholy", "tj_sughd", Set.of(), Instant.parse("2026-08-20T10:00:00Z"));
        seed.register(Language.RU, "Ахмедов Рустам", LocalDate.of(1993, 2, 3), "RB300002", "+992901250002",
                "moscow", "tj_sughd", Set.of(), Instant.parse("2026-08-20T10:00:00Z"));
        int covid = admin.database.dsl().fetchSingle("select id from requirement where code = 'covid_test_uz_transit'")
                .get(0, Integer.class);
        admin.account("staff.rq@example.org", Role.STAFF, "en", null);

        driver.get(admin.base() + "/admin/login");
        driver.findElement(By.id("email")).sendKeys("staff.rq@example.org");
        driver.findElement(By.id("password")).sendKeys(AdminFixture.PASSWORD);
        driver.findElement(By.id("login")).click();
        wait.until(ExpectedConditions.not(ExpectedConditions.urlContains("/login")));

        driver.get(admin.base() + "/admin/requirements");
        wait.until(ExpectedConditions.elementToBeClickable(By.cssSelector("tr[data-id='" + covid + "'] a"))).click();
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("requirement-form")));
        // The preview is there before anything is typed: one person on the route.
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("will-notify"), "Will notify 1 person"));

        type("text_tg", "Аз 1 сентябр санҷиши COVID-19 дар давоми 48 соат пеш аз сарҳад лозим аст.");
        type("text_ru", "С 1 сентября нужен тест на COVID-19, сданный за 48 часов до границы.");
        type("text_uz", "1 sentabrdan chegaradan oldingi 48 soat ichida topshirilgan COVID-19 testi kerak.");
        type("question_ru", "Сможете ли Вы сдать тест за 48 часов до границы?");
        type("question_tg", "Шумо метавонед санҷишро дар давоми 48 соат пеш аз сарҳад супоред?");
        type("question_uz", "Chegaradan oldingi 48 soat ichida test topshira olasizmi?");
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("notice-preview"),
                "С 1 сентября нужен тест на COVID-19, сданный за 48 часов до границы."));
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("notice-preview"),
                "Chegaradan oldingi 48 soat ichida test topshira olasizmi?"));
        assertThat(driver.findElement(By.id("will-notify")).getText()).contains("Will notify 1 person")
                .contains("Yes and No");

        driver.findElement(By.id("publish")).click();
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("done")));
        assertThat(driver.getCurrentUrl()).endsWith("/admin/requirements/" + covid + "?done=published");

        driver.findElement(By.id("history-link")).click();
        WebElement v2 = wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("tr[data-version='2']")));
        assertThat(v2.getText()).contains("С 1 сентября нужен тест на COVID-19").contains("staff.rq@example.org")
                .contains("question asked");
        assertThat(driver.findElement(By.cssSelector("tr[data-version='1']")).getText())
                .contains("Для проезда через Узбекистан нужен отрицательный тест на COVID-19");
        assertThat(v2.findElements(By.tagName("td")).getLast().getText()).isEqualTo("1");
    }
}

package org.homeward.telegram.fake;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.telegram.telegrambots.client.okhttp.OkHttpTelegramClient;
import org.telegram.telegrambots.meta.TelegramUrl;
import org.telegram.telegrambots.meta.api.methods.AnswerCallbackQuery;
import org.telegram.telegrambots.meta.api.methods.send.SendMessage;
import org.telegram.telegrambots.meta.api.methods.updates.GetUpdates;
import org.telegram.telegrambots.meta.api.methods.updatingmessages.EditMessageText;
import org.telegram.telegrambots.meta.api.objects.Update;
import org.telegram.telegrambots.meta.api.objects.replykeyboard.InlineKeyboardMarkup;
import org.telegram.telegrambots.meta.api.objects.replykeyboard.ReplyKeyboardMarkup;
import org.telegram.telegrambots.meta.api.objects.replykeyboard.buttons.InlineKeyboardButton;
import org.telegram.telegrambots.meta.api.objects.replykeyboard.buttons.InlineKeyboardRow;
import org.telegram.telegrambots.meta.api.objects.replykeyboard.buttons.KeyboardButton;
import org.telegram.telegrambots.meta.api.objects.replykeyboard.buttons.KeyboardRow;

/** The simulator page in Debian's Chromium, chatting with a tiny echo bot that polls the in-process fake. */
class SimulatorPageTest {
    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");

    private FakeTelegram fake;
    private Server server;
    private Thread echoBot;
    private final CountDownLatch stopping = new CountDownLatch(1);
    private ChromeDriver driver;
    private Path profile;

    @BeforeEach
    void start() throws Exception {
        Assumptions.assumeTrue(Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER),
                "Skipped: Debian's chromium and chromium-driver are not installed (apt-get install -y chromium chromium-driver)");
        fake = FakeTelegram.inProcess();
        FakeBot bot = fake.bot(Fixture.TOKEN);
        server = new Server();
        ServerConnector connector = new ServerConnector(server);
        connector.setHost("127.0.0.1");
        server.addConnector(connector);
        server.setHandler(new Handler.Sequence(fake.handler(), new SimulatorHandler(fake, bot.token())));
        server.start();
        fake.baseUrl(URI.create("http://localhost:" + connector.getLocalPort()));
        echoBot = Thread.ofPlatform().daemon().name("echo-bot").start(() -> echo(connector.getLocalPort()));

        profile = Files.createTempDirectory("chromium-profile");
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toString());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run",
                "--window-size=420,760", "--user-data-dir=" + profile);
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(CHROMEDRIVER.toFile()).usingAnyFreePort().build();
        driver = new ChromeDriver(service, options);
    }

    @AfterEach
    void stop() throws Exception {
        stopping.countDown();
        if (driver != null) driver.quit();
        if (echoBot != null) echoBot.join(5000);
        if (server != null) server.stop();
        if (fake != null) fake.close();
        if (profile != null) {
            try (var files = Files.walk(profile)) {
                files.sorted(java.util.Comparator.reverseOrder()).map(Path::toFile).forEach(File::delete);
            }
        }
    }

    /** Answers any text with a greeting, an inline button and a reply keyboard; a press edits the greeting. */
    private void echo(int port) {
        var client = new OkHttpTelegramClient(Fixture.OK_HTTP, Fixture.TOKEN, new TelegramUrl("http", "localhost", port, false));
        int offset = 0;
        while (stopping.getCount() > 0 && !Thread.currentThread().isInterrupted()) {
            try {
                List<Update> updates = client.execute(GetUpdates.builder().offset(offset).timeout(1).build());
                for (Update u : updates) {
                    offset = u.getUpdateId() + 1;
                    if (u.hasMessage() && u.getMessage().hasText()) {
                        long chat = u.getMessage().getChatId();
                        client.execute(SendMessage.builder().chatId(chat)
                                .text("Hello, " + u.getMessage().getFrom().getFirstName() + "! You said: " + u.getMessage().getText())
                                .replyMarkup(InlineKeyboardMarkup.builder().keyboardRow(new InlineKeyboardRow(
                                        InlineKeyboardButton.builder().text("Press me").callbackData("pressed").build())).build())
                                .build());
                        client.execute(SendMessage.builder().chatId(chat).text("Or share:")
                                .replyMarkup(ReplyKeyboardMarkup.builder().resizeKeyboard(true)
                                        .keyboardRow(new KeyboardRow(
                                                KeyboardButton.builder().text("Phone").requestContact(true).build(),
                                                KeyboardButton.builder().text("Location").requestLocation(true).build()))
                                        .build())
                                .build());
                    } else if (u.hasCallbackQuery()) {
                        var q = u.getCallbackQuery();
                        client.execute(AnswerCallbackQuery.builder().callbackQueryId(q.getId()).text("Done").build());
                        client.execute(EditMessageText.builder().chatId(q.getMessage().getChatId())
                                .messageId(q.getMessage().getMessageId()).text("Button pressed: " + q.getData()).build());
                    }
                }
            } catch (Exception e) {
                pauseBeforeRetrying();
            }
        }
    }

    /** After a failed poll, a short pause before the next, cut short when the test stops. */
    private void pauseBeforeRetrying() {
        try {
            stopping.await(200, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Test
    void createUserSendStartPressButton() throws Exception {
        WebDriverWait wait = new WebDriverWait(driver, Duration.ofSeconds(10));
        driver.get(fake.baseUrl() + "/simulator");
        driver.findElement(By.id("new-user-toggle")).click();
        driver.findElement(By.id("new-user-name")).sendKeys("Dilshod");
        new Select(driver.findElement(By.id("new-user-lang"))).selectByValue("tg");
        driver.findElement(By.id("new-user-create")).click();

        WebElement text = wait.until(ExpectedConditions.elementToBeClickable(By.id("text")));
        text.sendKeys("/start");
        driver.findElement(By.id("send")).click();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector(".msg.bot .bubble"),
                "Hello, Dilshod! You said: /start"));
        WebElement button = wait.until(ExpectedConditions.elementToBeClickable(By.cssSelector(".msg.bot .inline-btn")));
        assertThat(button.getText()).isEqualTo("Press me");
        assertThat(driver.findElements(By.cssSelector("#keyboard .reply-btn"))).extracting(WebElement::getText)
                .containsExactly("☎ Phone", "◉ Location");

        button.click();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector(".msg.bot .bubble"),
                "Button pressed: pressed"));

        // Bot text goes in as text: markup the user typed comes back literally, never as elements.
        text.sendKeys("<b id=x>bold</b>");
        driver.findElement(By.id("send")).click();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("chat"), "You said: <b id=x>bold</b>"));
        assertThat(driver.findElements(By.id("x"))).isEmpty();

        SimulatedUser user = fake.bot(Fixture.TOKEN).users().getFirst();
        assertThat(user.languageCode()).isEqualTo("tg");
        assertThat(fake.bot(Fixture.TOKEN).unansweredCallbackQueries()).isEmpty();

        File shot = driver.getScreenshotAs(OutputType.FILE);
        Files.copy(shot.toPath(), Path.of(System.getProperty("java.io.tmpdir"), "simulator.png"),
                StandardCopyOption.REPLACE_EXISTING);
    }
}

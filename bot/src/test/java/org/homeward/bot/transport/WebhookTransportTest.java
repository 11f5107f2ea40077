package org.homeward.bot.transport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.homeward.bot.transport.LongPollingTransportTest.inboxRows;
import static org.homeward.bot.transport.LongPollingTransportTest.texts;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.homeward.bot.testing.BotFixture;
import org.homeward.telegram.fake.SimulatedUser;
import org.homeward.testkit.Await;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Webhook mode: the fake POSTs updates to our Jetty handler, which stores them before answering 200. */
class WebhookTransportTest {
    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final String SECRET = "s3cret_Webhook-token";

    private BotFixture f;
    private Server server;
    private Transport transport;
    private EchoBot echo;
    private URI webhookUrl;

    @BeforeEach
    void setUp() throws Exception {
        f = BotFixture.start();
        f.bot().webhookRetryBackoff(Duration.ofMillis(50), Duration.ofMillis(200));
        server = new Server();
        ServerConnector connector = new ServerConnector(server);
        server.addConnector(connector);
        connector.open(); // bound now, so the webhook URL can name the port before the handler exists
        int port = connector.getLocalPort();
        webhookUrl = URI.create("http://localhost:" + port + "/telegram/webhook");
        echo = new EchoBot();
        transport = f.webhook(webhookUrl, SECRET, echo);
        server.setHandler(transport.webhookHandler().orElseThrow());
        server.start();
        transport.start();
    }

    @AfterEach
    void tearDown() throws Exception {
        transport.close();
        server.stop();
        f.close();
    }

    @Test
    void registersTheWebhookWithItsSecretAndAnswersUpdates() throws Exception {
        assertThat(f.bot().webhookInfo().url()).isEqualTo(webhookUrl.toString());
        assertThat(f.bot().webhookInfo().secretToken()).isEqualTo(SECRET);
        assertThat(transport.webhookPath()).hasValue("/telegram/webhook");
        SimulatedUser user = f.bot().newUser("Sitora", "uz");
        user.sendText("salom");
        assertThat(texts(user.awaitReceived(1, WAIT))).containsExactly("echo: salom");
    }

    @Test
    void aWrongOrMissingSecretIsRefusedAndNothingIsStored() throws Exception {
        String update = """
                {"update_id": 770001, "message": {"message_id": 1, "date": %d,
                 "chat": {"id": 42, "type": "private", "first_name": "X"},
                 "from": {"id": 42, "is_bot": false, "first_name": "X"}, "text": "forged"}}"""
                .formatted(Instant.now().getEpochSecond());
        try (HttpClient http = HttpClient.newHttpClient()) {
            HttpRequest.Builder post = HttpRequest.newBuilder(webhookUrl)
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(update));
            HttpResponse<String> wrong = http.send(post.copy().header(WebhookHandler.SECRET_HEADER, "guess").build(),
                    HttpResponse.BodyHandlers.ofString());
            HttpResponse<String> missing = http.send(post.copy().build(), HttpResponse.BodyHandlers.ofString());
            assertThat(wrong.statusCode()).isEqualTo(403);
            assertThat(missing.statusCode()).isEqualTo(403);
            assertThat(wrong.body()).isEmpty();
            assertThat(inboxRows(f, "true")).isZero();
            assertThat(echo.handled).isEmpty();

            HttpResponse<String> right = http.send(post.copy().header(WebhookHandler.SECRET_HEADER, SECRET).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(right.statusCode()).isEqualTo(200);
            HttpResponse<String> garbage = http.send(HttpRequest.newBuilder(webhookUrl)
                    .header(WebhookHandler.SECRET_HEADER, SECRET)
                    .POST(HttpRequest.BodyPublishers.ofString("{not json")).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(garbage.statusCode()).isEqualTo(400);
        }
    }

    @Test
    void badInputIsAnswered4xxNever5xxAndNothingIsStored() throws Exception {
        try (HttpClient http = HttpClient.newHttpClient()) {
            HttpRequest.Builder post = HttpRequest.newBuilder(webhookUrl).header(WebhookHandler.SECRET_HEADER, SECRET);
            // A body of unknown length (chunked) over the 1 MiB limit: refused once the limit is read.
            byte[] big = new byte[(1 << 20) + 10];
            java.util.Arrays.fill(big, (byte) ' ');
            var chunked = HttpRequest.BodyPublishers.ofInputStream(() -> new java.io.ByteArrayInputStream(big));
            assertThat(http.send(post.copy().POST(chunked).build(), HttpResponse.BodyHandlers.discarding()).statusCode())
                    .isEqualTo(413);
            assertThat(http.send(post.copy().POST(HttpRequest.BodyPublishers.ofString("null")).build(),
                    HttpResponse.BodyHandlers.discarding()).statusCode()).isEqualTo(400);
            byte[] notUtf8 = "{\"update_id\": 770003, \"message\": {\"text\": \"\u00ff\"}}".getBytes(
                    java.nio.charset.StandardCharsets.ISO_8859_1);
            assertThat(http.send(post.copy().POST(HttpRequest.BodyPublishers.ofByteArray(notUtf8)).build(),
                    HttpResponse.BodyHandlers.discarding()).statusCode()).isEqualTo(400);
        }
        assertThat(inboxRows(f, "true")).isZero();
    }

    @Test
    void aDatabaseFailureAnswers5xxAndTelegramsRetryIsHandledOnce() throws Exception {
        SimulatedUser user = f.bot().newUser("Anvar", "tg");
        f.database().dsl().execute("alter table inbox rename to inbox_away");
        int updateId = user.sendText("retry me");
        Await.until("a failed delivery", WAIT, () -> f.bot().webhookInfo().lastErrorMessage() != null);
        assertThat(f.bot().webhookInfo().lastErrorMessage()).contains("503");
        f.database().dsl().execute("alter table inbox_away rename to inbox");
        assertThat(texts(user.awaitReceived(1, WAIT))).containsExactly("echo: retry me");
        assertThat(transport.awaitIdle(WAIT)).isTrue();
        assertThat(echo.handled).containsExactly(updateId);
    }

    @Test
    void theSameUpdateTwiceIsHandledOnce() throws Exception {
        SimulatedUser user = f.bot().newUser("Malika", "ru");
        String update = """
                {"update_id": 770002, "message": {"message_id": 1, "date": %d,
                 "chat": {"id": %d, "type": "private", "first_name": "Malika"},
                 "from": {"id": %d, "is_bot": false, "first_name": "Malika"}, "text": "twice"}}"""
                .formatted(Instant.now().getEpochSecond(), user.chatId(), user.id());
        f.bot().enqueueRaw(update);
        f.bot().enqueueRaw(update);
        user.sendText("then this");
        user.awaitReceived(2, WAIT);
        assertThat(transport.awaitIdle(WAIT)).isTrue();
        assertThat(texts(user.received())).containsExactly("echo: twice", "echo: then this");
    }
}

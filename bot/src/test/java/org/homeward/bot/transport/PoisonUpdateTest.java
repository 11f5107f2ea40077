package org.homeward.bot.transport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.homeward.bot.transport.LongPollingTransportTest.inboxRows;
import static org.homeward.bot.transport.LongPollingTransportTest.texts;

import io.micrometer.core.instrument.Metrics;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
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

/**
 * Updates that used to stop the bot for everyone (issue 10, item 1): a NUL in a text, which PostgreSQL's jsonb
 * refuses, and ids the library cannot read. Each is kept, the readable ones answered, and everyone else too.
 */
class PoisonUpdateTest {
    private static final Duration WAIT = Duration.ofSeconds(30);
    private final SimpleMeterRegistry metrics = new SimpleMeterRegistry();
    private BotFixture f;

    @BeforeEach
    void start() {
        Metrics.addRegistry(metrics);
        f = BotFixture.start();
    }

    @AfterEach
    void stop() {
        f.close();
        Metrics.removeRegistry(metrics);
    }

    private static String message(int updateId, String chatId, String messageId, long fromId, String text) {
        return """
                {"update_id": %d, "message": {"message_id": %s, "date": %d,
                 "chat": {"id": %s, "type": "private", "first_name": "X"},
                 "from": {"id": %d, "is_bot": false, "first_name": "X"}, "text": "%s"}}"""
                .formatted(updateId, messageId, Instant.now().getEpochSecond(), chatId, fromId, text);
    }

    @Test
    void longPollingKeepsEveryPoisonUpdateAndAnswersEveryoneElse() throws Exception {
        SimulatedUser nul = f.bot().newUser("Nodir", "uz");
        SimulatedUser next = f.bot().newUser("Lola", "tg");
        f.bot().enqueueRaw(message(880001, Long.toString(nul.chatId()), "1", nul.id(), "a\\u0000b"));
        f.bot().enqueueRaw(message(880002, "9223372036854775808", "1", 7, "big chat id"));
        f.bot().enqueueRaw(message(880003, Long.toString(nul.chatId()), "2147483648", nul.id(), "big message id"));
        EchoBot echo = new EchoBot();
        try (Transport transport = f.longPolling(echo)) {
            transport.start();
            next.sendText("after them");
            assertThat(texts(next.awaitReceived(1, WAIT))).containsExactly("echo: after them");
            assertThat(texts(nul.awaitReceived(1, WAIT))).containsExactly("echo: a\uFFFDb");
            assertThat(transport.awaitIdle(WAIT)).isTrue();
        }
        Await.until("Telegram told all were received", WAIT, () -> f.bot().pendingUpdateCount() == 0);
        assertThat(inboxRows(f, "update_id in (880002, 880003) and status = 'failed' and error like 'unreadable:%'"
                + " and payload is not null")).isEqualTo(2);
        assertThat(metrics.find("homeward.transport.updates_unreadable").counter().count()).isEqualTo(2);
    }

    @Test
    void theWebhookKeepsThemAnswering200SoTelegramDoesNotSendThemAgain() throws Exception {
        Server server = new Server();
        ServerConnector connector = new ServerConnector(server);
        server.addConnector(connector);
        connector.open();
        URI url = URI.create("http://localhost:" + connector.getLocalPort() + "/telegram/webhook");
        EchoBot echo = new EchoBot();
        try (Transport transport = f.webhook(url, "s3cret", echo); HttpClient http = HttpClient.newHttpClient()) {
            server.setHandler(transport.webhookHandler().orElseThrow());
            server.start();
            transport.start();
            SimulatedUser nul = f.bot().newUser("Nodir", "uz");
            for (String update : new String[] {
                    message(880011, Long.toString(nul.chatId()), "1", nul.id(), "a\\u0000b"),
                    message(880012, "9223372036854775808", "1", 7, "big chat id")}) {
                HttpResponse<Void> answer = http.send(HttpRequest.newBuilder(url)
                        .header(WebhookHandler.SECRET_HEADER, "s3cret")
                        .POST(HttpRequest.BodyPublishers.ofString(update)).build(), HttpResponse.BodyHandlers.discarding());
                assertThat(answer.statusCode()).isEqualTo(200);
            }
            assertThat(texts(nul.awaitReceived(1, WAIT))).containsExactly("echo: a\uFFFDb");
            assertThat(transport.awaitIdle(WAIT)).isTrue();
        } finally {
            server.stop();
        }
        assertThat(inboxRows(f, "update_id = 880012 and status = 'failed'")).isEqualTo(1);
    }
}

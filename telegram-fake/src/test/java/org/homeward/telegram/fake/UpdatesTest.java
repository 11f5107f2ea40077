package org.homeward.telegram.fake;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.Callback;
import org.homeward.testkit.Await;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.telegram.telegrambots.longpolling.BotSession;
import org.telegram.telegrambots.longpolling.TelegramBotsLongPollingApplication;
import org.telegram.telegrambots.meta.api.methods.send.SendMessage;
import org.telegram.telegrambots.meta.api.methods.updates.DeleteWebhook;
import org.telegram.telegrambots.meta.api.methods.updates.GetUpdates;
import org.telegram.telegrambots.meta.api.methods.updates.SetWebhook;
import org.telegram.telegrambots.meta.api.objects.Update;
import org.telegram.telegrambots.meta.exceptions.TelegramApiRequestException;

/** Getting updates: getUpdates long poll with offsets, TelegramBots' long polling application, webhooks. */
class UpdatesTest {
    private final Fixture f = new Fixture();

    @AfterEach
    void close() {
        f.close();
    }

    @Test
    void offsetConfirmsUpdatesAndUnconfirmedOnesComeAgain() throws Exception {
        SimulatedUser user = f.bot.newUser("Rustam", "tg");
        int first = user.sendCommand("/start");
        int second = user.sendText("salom");

        List<Update> got = f.client.execute(GetUpdates.builder().limit(1).build());
        assertThat(got).extracting(Update::getUpdateId).containsExactly(first);
        assertThat(f.client.execute(GetUpdates.builder().build())).extracting(Update::getUpdateId)
                .as("not confirmed: delivered again").containsExactly(first, second);

        got = f.client.execute(GetUpdates.builder().offset(first + 1).build());
        assertThat(got).extracting(Update::getUpdateId).as("first confirmed").containsExactly(second);
        assertThat(f.client.execute(GetUpdates.builder().offset(second + 1).build())).isEmpty();
        assertThat(f.bot.pendingUpdateCount()).isZero();
    }

    @Test
    void longPollIsHeldUntilAnUpdateArrives() throws Exception {
        SimulatedUser user = f.bot.newUser("Nigora", "ru");
        CompletableFuture<List<Update>> poll = CompletableFuture.supplyAsync(() -> {
            try {
                return f.client.execute(GetUpdates.builder().timeout(20).build());
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        Await.until("the poll held open at the fake", f.bot::longPollWaiting);
        assertThat(poll).isNotDone();
        int id = user.sendText("hello");
        assertThat(poll.get(10, TimeUnit.SECONDS)).extracting(Update::getUpdateId).containsExactly(id);
        assertThat(f.bot.longPollWaiting()).isFalse();
    }

    @Test
    void allowedUpdatesFilterTypes() throws Exception {
        SimulatedUser user = f.bot.newUser("Jamshed", "tg");
        Integer messageId = f.client.execute(SendMessage.builder().chatId(user.chatId()).text("Q")
                .replyMarkup(org.telegram.telegrambots.meta.api.objects.replykeyboard.InlineKeyboardMarkup.builder()
                        .keyboardRow(new org.telegram.telegrambots.meta.api.objects.replykeyboard.buttons.InlineKeyboardRow(
                                org.telegram.telegrambots.meta.api.objects.replykeyboard.buttons.InlineKeyboardButton.builder()
                                        .text("b").callbackData("b").build())).build())
                .build()).getMessageId();
        user.sendText("text");
        int press = user.pressButton(messageId, "b");
        assertThat(f.client.execute(GetUpdates.builder().allowedUpdates(List.of("callback_query")).build()))
                .extracting(Update::getUpdateId).containsExactly(press);
    }

    @Test
    void longPollingApplicationReceivesSimulatedUsersUpdates() throws Exception {
        LinkedBlockingQueue<Update> received = new LinkedBlockingQueue<>();
        // Our own scheduler, stopped below: the application's close() leaves its scheduler thread alive.
        ScheduledExecutorService scheduler =
                Executors.newSingleThreadScheduledExecutor(r -> Thread.ofPlatform().daemon().unstarted(r));
        var app = new TelegramBotsLongPollingApplication(ObjectMapper::new, () -> Fixture.OK_HTTP, () -> scheduler);
        try {
            BotSession session = app.registerBot(Fixture.TOKEN, () -> f.url,
                    offset -> GetUpdates.builder().offset(offset).timeout(1).build(), received::addAll);
            SimulatedUser user = f.bot.newUser("Sitora", "tg");
            int start = user.sendCommand("/start");
            int contact = user.shareContact("+992900000001");
            Update a = received.poll(10, TimeUnit.SECONDS);
            Update b = received.poll(10, TimeUnit.SECONDS);
            assertThat(a.getUpdateId()).isEqualTo(start);
            // TelegramBots quirk: Message.isCommand() is false until getEntities() has filled in the entities' text.
            assertThat(a.getMessage().getEntities()).singleElement()
                    .satisfies(e -> assertThat(e.getText()).isEqualTo("/start"));
            assertThat(a.getMessage().isCommand()).isTrue();
            assertThat(b.getUpdateId()).isEqualTo(contact);
            assertThat(b.getMessage().getContact().getUserId()).isEqualTo(user.id());
            session.stop();
        } finally {
            app.close();
            scheduler.shutdownNow();
        }
        assertThat(f.bot.calls()).extracting(ApiCall::method).startsWith("deleteWebhook").contains("getUpdates");
    }

    @Test
    void webhookGetsEachUpdateWithTheSecretAndRetriesOnErrors() throws Exception {
        LinkedBlockingQueue<String> bodies = new LinkedBlockingQueue<>();
        CopyOnWriteArrayList<String> secrets = new CopyOnWriteArrayList<>();
        AtomicInteger failuresLeft = new AtomicInteger(2);
        Server receiver = new Server();
        ServerConnector connector = new ServerConnector(receiver);
        connector.setHost("127.0.0.1");
        receiver.addConnector(connector);
        receiver.setHandler(new Handler.Abstract() {
            @Override
            public boolean handle(Request request, Response response, Callback callback) throws Exception {
                secrets.add(request.getHeaders().get("X-Telegram-Bot-Api-Secret-Token"));
                String body = Content.Source.asString(request, StandardCharsets.UTF_8);
                if (failuresLeft.getAndDecrement() > 0) {
                    response.setStatus(500);
                } else {
                    bodies.add(body);
                    response.setStatus(200);
                }
                callback.succeeded();
                return true;
            }
        });
        receiver.start();
        try {
            f.bot.webhookRetryBackoff(Duration.ofMillis(20), Duration.ofMillis(100));
            String url = "http://127.0.0.1:" + connector.getLocalPort() + "/telegram/webhook";
            assertThat(f.client.execute(SetWebhook.builder().url(url).secretToken("s3cret-Token").build())).isTrue();
            assertThat(f.bot.webhookInfo().url()).isEqualTo(url);

            var conflict = org.assertj.core.api.Assertions.catchThrowableOfType(TelegramApiRequestException.class,
                    () -> f.client.execute(GetUpdates.builder().build()));
            assertThat(conflict.getErrorCode()).isEqualTo(409);

            SimulatedUser user = f.bot.newUser("Bahrom", "tg");
            int first = user.sendCommand("/start");
            int second = user.sendText("one");
            String a = bodies.poll(10, TimeUnit.SECONDS);
            String b = bodies.poll(10, TimeUnit.SECONDS);
            ObjectMapper json = new ObjectMapper();
            assertThat(json.readValue(a, Update.class).getUpdateId()).as("in order, after two 500s").isEqualTo(first);
            assertThat(json.readValue(b, Update.class).getUpdateId()).isEqualTo(second);
            assertThat(secrets).hasSize(4).containsOnly("s3cret-Token");
            assertThat(f.bot.webhookInfo().lastErrorMessage()).contains("500");

            assertThat(f.client.execute(DeleteWebhook.builder().dropPendingUpdates(true).build())).isTrue();
            user.sendText("polled again");
            assertThat(f.client.execute(GetUpdates.builder().build())).hasSize(1);
        } finally {
            receiver.stop();
        }
    }
}

package org.homeward.telegram.fake;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.homeward.telegram.fake.BotApiClientTest.assertError;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import okhttp3.OkHttpClient;
import org.homeward.testkit.Await;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.telegram.telegrambots.client.okhttp.OkHttpTelegramClient;
import org.telegram.telegrambots.meta.api.methods.GetMe;
import org.telegram.telegrambots.meta.api.methods.send.SendMessage;
import org.telegram.telegrambots.meta.exceptions.TelegramApiException;
import org.telegram.telegrambots.meta.exceptions.TelegramApiRequestException;

/** Telegram's limits and the faults tests switch on at run time, as the real client sees them. */
class LimitsAndFaultsTest {
    private final Fixture f = new Fixture();

    @AfterEach
    void close() {
        f.close();
    }

    private Integer send(long chatId) throws TelegramApiException {
        return f.client.execute(SendMessage.builder().chatId(chatId).text("Departure tomorrow").build()).getMessageId();
    }

    @Test
    void perChatLimitAllowsABurstThenAnswers429WithRetryAfter() throws Exception {
        f.bot.limits().enabled(true).perChat(0.2, 3);
        SimulatedUser user = f.bot.newUser("Shahlo", "tg");
        for (int i = 0; i < 3; i++) send(user.chatId());
        var e = catchThrowableOfType(TelegramApiRequestException.class, () -> send(user.chatId()));
        assertThat(e.getErrorCode()).isEqualTo(429);
        assertThat(e.getParameters().getRetryAfter()).isBetween(1, 5);
        assertThat(e.getApiResponse()).isEqualTo("Too Many Requests: retry after " + e.getParameters().getRetryAfter());
        assertThat(f.bot.tooManyRequestsAnswered()).isEqualTo(1);
        // Another chat is not limited by this one.
        send(f.bot.newUser("Other", "tg").chatId());
    }

    @Test
    void overallLimitCapsSendsPerSecondAcrossChats() throws Exception {
        f.bot.limits().enabled(true).perSecond(5);
        List<SimulatedUser> users = new ArrayList<>();
        for (int i = 0; i < 20; i++) users.add(f.bot.newUser("U" + i, "tg"));
        int accepted = 0;
        int throttled = 0;
        for (SimulatedUser u : users) {
            try {
                send(u.chatId());
                accepted++;
            } catch (TelegramApiRequestException e) {
                assertThat(e.getErrorCode()).isEqualTo(429);
                throttled++;
            }
        }
        assertThat(accepted).isGreaterThanOrEqualTo(5).isLessThan(20);
        assertThat(throttled).isPositive();
        assertThat(f.bot.sendsPerSecond().values().stream().mapToInt(Integer::intValue).sum()).isEqualTo(accepted);

        f.bot.limits().enabled(false);
        send(users.getLast().chatId());
    }

    @Test
    void scriptedTooManyRequestsForTheNextSends() throws Exception {
        SimulatedUser user = f.bot.newUser("Olim", "tg");
        f.bot.faults().tooManyRequests(2, 7);
        for (int i = 0; i < 2; i++) {
            var e = catchThrowableOfType(TelegramApiRequestException.class, () -> send(user.chatId()));
            assertThat(e.getParameters().getRetryAfter()).isEqualTo(7);
        }
        assertThat(send(user.chatId())).isEqualTo(1);
        assertThat(f.bot.calls("sendMessage")).extracting(ApiCall::status).containsExactly(429, 429, 200);
    }

    @Test
    void blockedAndDeactivatedUsersAnswer403() {
        SimulatedUser blocked = f.bot.newUser("Blocked", "tg");
        SimulatedUser gone = f.bot.newUser("Gone", "ru");
        blocked.blockBot();
        gone.deactivate();
        assertError(() -> send(blocked.chatId()), 403, "Forbidden: bot was blocked by the user");
        assertError(() -> send(gone.chatId()), 403, "Forbidden: user is deactivated");
        blocked.unblockBot();
        assertThat(org.assertj.core.api.Assertions.catchThrowable(() -> send(blocked.chatId()))).isNull();
    }

    @Test
    void serverErrorsForTheNextCallsOfOneMethod() throws Exception {
        SimulatedUser user = f.bot.newUser("Karim", "uz");
        f.bot.faults().serverErrors("sendmessage", 2, 502);
        assertError(() -> send(user.chatId()), 502, "Bad Gateway");
        f.client.execute(new GetMe()); // other methods are not affected
        assertError(() -> send(user.chatId()), 502, "Bad Gateway");
        assertThat(send(user.chatId())).isEqualTo(1);
    }

    @Test
    void droppedConnectionsFailTheClientWithAnIOException() throws Exception {
        SimulatedUser user = f.bot.newUser("Lola", "tg");
        // OkHttp retries a request once on a broken pooled connection, so drop a few.
        f.bot.faults().dropConnections("sendMessage", 3);
        var e = catchThrowableOfType(TelegramApiException.class, () -> send(user.chatId()));
        assertThat(e).isNotInstanceOf(TelegramApiRequestException.class);
        assertThat(e).hasRootCauseInstanceOf(IOException.class);
        assertThat(user.received()).isEmpty();
        f.bot.faults().clear();
        assertThat(send(user.chatId())).isEqualTo(1);
    }

    @Test
    void aHungCallIsNeitherAnsweredNorCarriedOut() throws Exception {
        SimulatedUser user = f.bot.newUser("Hung", "ru");
        f.bot.faults().hang("sendMessage", 1);
        var impatient = new org.telegram.telegrambots.client.okhttp.OkHttpTelegramClient(
                Fixture.OK_HTTP.newBuilder().callTimeout(Duration.ofMillis(300)).build(), Fixture.TOKEN, f.url);
        var e = catchThrowableOfType(TelegramApiException.class, () -> impatient.execute(
                SendMessage.builder().chatId(user.chatId()).text("lost").build()));
        assertThat(e).hasRootCauseInstanceOf(IOException.class);
        assertThat(send(user.chatId())).isEqualTo(1);
        assertThat(user.received()).extracting(BotMessage::text).containsExactly("Departure tomorrow");
    }

    @Test
    void aHeldCallWhoseClientWaitsIsCarriedOut() throws Exception {
        SimulatedUser user = f.bot.newUser("Patient", "tg");
        f.bot.faults().delayNext("sendMessage", 1, Duration.ofMillis(300));
        assertThat(send(user.chatId())).isEqualTo(1);
        assertThat(f.bot.calls("sendMessage")).extracting(ApiCall::status).containsExactly(200);
    }

    @Test
    void aHeldCallWhoseClientGaveUpIsNotCarriedOut() throws Exception {
        SimulatedUser user = f.bot.newUser("Impatient", "tg");
        OkHttpClient impatient = Fixture.OK_HTTP.newBuilder().callTimeout(Duration.ofMillis(200)).build();
        f.bot.faults().delayNext("sendMessage", 1, Duration.ofSeconds(2));
        var e = catchThrowableOfType(TelegramApiException.class, () -> new OkHttpTelegramClient(impatient,
                Fixture.TOKEN, f.url).execute(SendMessage.builder().chatId(user.chatId()).text("Late").build()));
        // OkHttp's call timeout: it closes the socket, and says "timeout" over the read that this broke.
        assertThat(e).cause().isInstanceOf(InterruptedIOException.class).hasMessage("timeout");
        Await.until("the held call to be given up", () -> !f.bot.calls("sendMessage").isEmpty());
        assertThat(f.bot.calls("sendMessage")).extracting(ApiCall::status).containsExactly(0);
        assertThat(user.received()).isEmpty();
        // Only the next call was held: the retry goes through.
        assertThat(send(user.chatId())).isEqualTo(1);
        assertThat(user.received()).extracting(BotMessage::text).containsExactly("Departure tomorrow");
    }

    @Test
    void slowAnswersStillArrive() throws Exception {
        SimulatedUser user = f.bot.newUser("Slow", "tg");
        f.bot.faults().delay(Duration.ofMillis(200));
        assertThat(send(user.chatId())).isEqualTo(1);
        assertThat(user.awaitReceived(1, Duration.ofSeconds(5))).hasSize(1);
    }
}

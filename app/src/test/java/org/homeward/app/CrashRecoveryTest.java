package org.homeward.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpClient;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.homeward.i18n.Language;
import org.homeward.i18n.Messages;
import org.homeward.telegram.fake.BotMessage;
import org.homeward.telegram.fake.FakeBot;
import org.homeward.telegram.fake.FakeTelegram;
import org.homeward.telegram.fake.SimulatedUser;
import org.homeward.testkit.Await;
import org.homeward.testkit.TestDatabase;
import org.homeward.testkit.TestPostgres;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Homeward is killed (kill -9) after an update's change has committed and while its reply is on its way (issue 10,
 * item 3): after the restart the stored reply is sent, once, and the update is never applied again.
 */
@Tag("slow")
class CrashRecoveryTest {
    private static final String TOKEN = "7000002:AAcrash-recovery-token_abcdefgh";
    private static final Duration WAIT = Duration.ofSeconds(120);

    @Test
    void aReplyInFlightAtAKillIsSentOnceAfterTheRestartAndTheUpdateIsNotAppliedAgain(@TempDir Path dir)
            throws Exception {
        try (TestDatabase db = TestPostgres.newDatabase(); FakeTelegram fake = FakeTelegram.start(0);
             HttpClient http = HttpClient.newHttpClient()) {
            FakeBot bot = fake.bot(TOKEN);
            Map<String, String> env = Map.of("DATABASE_URL", db.jdbcUrl(), "DATABASE_USER", db.user(),
                    "TELEGRAM_BOT_TOKEN", TOKEN, "TELEGRAM_API_URL", fake.baseUrl().toString(),
                    "DATA_DIR", dir.resolve("data").toString());
            SimulatedUser user = bot.newUser("Sherali", "ru");

            Process first = started(dir.resolve("first"), env, http);
            Process second = null;
            try {
                user.sendCommand("/start");
                BotMessage languages = user.awaitReceived(1, WAIT).getFirst();
                String russian = languages.inlineButtons().stream()
                        .filter(b -> b.callbackData().endsWith(Language.RU.code())).findFirst().orElseThrow()
                        .callbackData();
                // The answer to the press (the privacy notice) is sent into a call that never returns.
                bot.faults().hang("sendMessage", 1);
                user.pressButton(languages.messageId(), russian);
                Await.until("the press handled and its reply stored, unsent", WAIT,
                        () -> MainProcessTest.count(db, "select count(*) from inbox where status = 'done'") == 2
                                && MainProcessTest.count(db, "select count(*) from reply where method ilike 'sendmessage'") == 1);
                first.destroyForcibly(); // kill -9: no shutdown hook, the reply's lease still held
                assertThat(first.waitFor(30, TimeUnit.SECONDS)).isTrue();

                second = started(dir.resolve("second"), env, http);
                // Taken over once the dead instance's lease has passed.
                List<BotMessage> got = user.awaitReceived(2, WAIT);
                Await.until("every stored reply sent", WAIT, () -> MainProcessTest.count(db, "select count(*) from reply") == 0);
                assertThat(user.received()).hasSize(2);
                assertThat(got.get(1).text()).doesNotContain(Messages.get().format(Language.RU, "misc.stale"));
                assertThat(got.get(1).inlineButtons()).as("the privacy notice's buttons").isNotEmpty();
                assertThat(MainProcessTest.count(db, "select count(*) from conversation where state = 'CONSENT'")).isEqualTo(1);
                assertThat(MainProcessTest.count(db, "select count(*) from inbox where status <> 'done'")).isZero();
            } finally {
                first.destroyForcibly();
                if (second != null) {
                    second.destroy();
                    second.waitFor(30, TimeUnit.SECONDS);
                    second.destroyForcibly();
                }
            }
        }
    }

    /** A Homeward process on a fresh port, healthy. */
    private static Process started(Path dir, Map<String, String> env, HttpClient http) throws Exception {
        return MainProcessTest.startedHealthy(dir, env, MainProcessTest.freePort(), http);
    }
}

package org.homeward.bot.transport;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.core.read.ListAppender;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.homeward.bot.conversation.Conversation;
import org.homeward.bot.testing.BotFixture;
import org.homeward.core.people.ChatPseudonym;
import org.homeward.telegram.fake.SimulatedUser;
import org.homeward.testkit.Await;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/**
 * Telegram ids are personal data: the lines the bot logs about a chat (a failed update, a failed apology, the
 * conversation's state changes) name it by its keyed pseudonym, never by its id.
 */
class LogPrivacyTest {
    private static final Duration WAIT = Duration.ofSeconds(30);
    private final Logger root = (Logger) LoggerFactory.getLogger(Logger.ROOT_LOGGER_NAME);
    private final Logger conversationLog = (Logger) LoggerFactory.getLogger(Conversation.class);
    private final ListAppender<ILoggingEvent> lines = new ListAppender<>();
    private Level conversationLevel;
    private BotFixture f;

    @BeforeEach
    void capture() {
        lines.start();
        root.addAppender(lines);
        conversationLevel = conversationLog.getLevel();
        conversationLog.setLevel(Level.DEBUG);
        f = BotFixture.start();
    }

    @AfterEach
    void release() {
        f.close();
        root.detachAppender(lines);
        conversationLog.setLevel(conversationLevel);
    }

    @Test
    void aFailedUpdateAFailedApologyAndTheConversationNameAChatOnlyByItsPseudonym() throws Exception {
        SimulatedUser failing = f.bot().newUser("Dilshod", "uz");
        SimulatedUser chatting = f.bot().newUser("Nigora", "uz");
        EchoBot echo = new EchoBot();
        try (Transport transport = f.longPolling(echo)) {
            transport.start();
            // The handler fails, and the apology's first send: both are logged (the apology is tried again).
            f.bot().faults().serverErrors("sendMessage", 1, 500);
            failing.sendText("boom");
            failing.awaitReceived(1, WAIT);
            Await.until("the apology's failed send logged", WAIT, () -> text().contains("trying again"));
        }
        f.bot().faults().clear();
        try (Transport transport = f.longPolling(f.conversation(Clock.systemUTC()))) {
            transport.start();
            chatting.sendCommand("/start");
            chatting.awaitReceived(1, WAIT);
            Await.until("the conversation's line logged", WAIT, () -> text().contains("LANGUAGE"));
        }

        // Update ids are Telegram's counters, not personal data (and the fake's may equal a user id): left out.
        String logged = text().replaceAll("update \\d+", "update #");
        for (SimulatedUser u : List.of(failing, chatting)) {
            assertThat(logged).doesNotContain(Long.toString(u.chatId()), Long.toString(u.id()));
        }
        assertThat(logged).contains("update", "of chat " + ChatPseudonym.of(failing.chatId()) + " failed")
                .contains("to chat " + ChatPseudonym.of(failing.chatId()) + " not sent (500")
                .contains("chat " + ChatPseudonym.of(chatting.chatId()));
    }

    /** Every captured line with its exceptions' messages, as a log file would have them. */
    private String text() {
        List<String> all = new ArrayList<>();
        for (ILoggingEvent e : List.copyOf(lines.list)) {
            all.add(e.getFormattedMessage());
            for (IThrowableProxy t = e.getThrowableProxy(); t != null; t = t.getCause()) {
                all.add(t.getClassName() + ": " + t.getMessage());
            }
        }
        return String.join("\n", all);
    }
}

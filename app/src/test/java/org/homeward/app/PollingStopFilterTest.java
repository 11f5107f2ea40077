package org.homeward.app;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.LoggingEvent;
import ch.qos.logback.core.spi.FilterReply;
import java.io.IOException;
import java.io.InterruptedIOException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class PollingStopFilterTest {
    private final LoggerContext context = new LoggerContext();
    private final PollingStopFilter filter = new PollingStopFilter();

    @AfterEach
    void notStopping() {
        PollingStopFilter.stopping(false);
    }

    @Test
    void theLibrarysComplaintsAboutOurOwnStopAreDropped() {
        PollingStopFilter.stopping(true);
        assertThat(decide("org.telegram.telegrambots.longpolling.BotSession",
                new RuntimeException("x", new IOException("Canceled")))).isEqualTo(FilterReply.DENY);
        assertThat(decide("org.telegram.telegrambots.longpolling.BotSession", new InterruptedException("sleep interrupted")))
                .isEqualTo(FilterReply.DENY);
        RuntimeException withSuppressed = new RuntimeException(new IOException("y"));
        withSuppressed.getCause().addSuppressed(new InterruptedIOException("interrupted"));
        assertThat(decide("org.telegram.telegrambots.longpolling.BotSession", withSuppressed)).isEqualTo(FilterReply.DENY);
    }

    @Test
    void realPollingErrorsAndOtherLoggersPass() {
        assertThat(decide("org.telegram.telegrambots.longpolling.BotSession", new InterruptedException()))
                .as("not stopping").isEqualTo(FilterReply.NEUTRAL);
        PollingStopFilter.stopping(true);
        assertThat(decide("org.telegram.telegrambots.longpolling.BotSession", new IOException("Connection refused")))
                .isEqualTo(FilterReply.NEUTRAL);
        assertThat(decide("org.telegram.telegrambots.longpolling.BotSession", null)).isEqualTo(FilterReply.NEUTRAL);
        assertThat(decide("org.homeward.bot.transport.Transport", new InterruptedException()))
                .isEqualTo(FilterReply.NEUTRAL);
    }

    private FilterReply decide(String loggerName, Throwable t) {
        Logger logger = context.getLogger(loggerName);
        return filter.decide(new LoggingEvent(Logger.class.getName(), logger, Level.ERROR, "m", t, null));
    }
}

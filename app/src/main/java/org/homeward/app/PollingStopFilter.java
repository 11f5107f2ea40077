package org.homeward.app;

import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.core.filter.Filter;
import ch.qos.logback.core.spi.FilterReply;

/**
 * Drops what TelegramBots' long polling logs while Homeward stops it: closing cancels the getUpdates in flight and
 * interrupts the poller, which the library reports as an ERROR with a stack trace ("Error received from Telegram
 * GetUpdates Request") and a WARN. A clean stop should read as one. Everything else, and anything logged while
 * not stopping, passes.
 */
public final class PollingStopFilter extends Filter<ILoggingEvent> {
    private static final String POLLING = "org.telegram.telegrambots.longpolling";
    private static volatile boolean stopping;

    /** Homeward is stopping (true) or has stopped (false): only in between are the library's complaints dropped. */
    static void stopping(boolean on) {
        stopping = on;
    }

    @Override
    public FilterReply decide(ILoggingEvent event) {
        if (!stopping || !event.getLoggerName().startsWith(POLLING)) {
            return FilterReply.NEUTRAL;
        }
        for (IThrowableProxy t = event.getThrowableProxy(); t != null; t = t.getCause()) {
            if (isStop(t)) {
                return FilterReply.DENY;
            }
            for (IThrowableProxy s : t.getSuppressed()) {
                if (isStop(s)) {
                    return FilterReply.DENY;
                }
            }
        }
        return FilterReply.NEUTRAL;
    }

    private static boolean isStop(IThrowableProxy t) {
        String type = t.getClassName();
        return type.equals("java.lang.InterruptedException")
                || type.equals("java.io.InterruptedIOException")
                // OkHttp's words for a call cancelled by Dispatcher.cancelAll().
                || (type.equals("java.io.IOException") && "Canceled".equals(t.getMessage()));
    }
}

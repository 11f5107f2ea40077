package org.homeward.telegram.fake;

import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicInteger;

/** Faults injected into one bot's API calls at run time; each setter replaces the previous setting. */
public final class Faults {
    /** A countdown for the next N calls of a method (null = any method). */
    private record Countdown(String method, AtomicInteger left, int value) {
        boolean take(String canonical) {
            if (method != null && !method.equals(canonical)) return false;
            return left.getAndUpdate(n -> n > 0 ? n - 1 : 0) > 0;
        }
    }

    /** The next calls of a method held for a while before they reach the bot. */
    private record Hold(Countdown calls, Duration delay) {}

    private volatile Countdown tooMany;
    private volatile Countdown serverErrors;
    private volatile Countdown drops;
    private volatile Countdown hangs;
    private volatile Hold held;
    private volatile Duration delay = Duration.ZERO;

    Faults() {}

    /** The next {@code sends} send calls answer 429 with this retry_after. */
    public Faults tooManyRequests(int sends, int retryAfterSeconds) {
        tooMany = new Countdown(null, new AtomicInteger(sends), retryAfterSeconds);
        return this;
    }

    /** The next {@code calls} calls of {@code method} (any case; null = any method) answer {@code status} (500 or 502). */
    public Faults serverErrors(String method, int calls, int status) {
        serverErrors = new Countdown(canonical(method), new AtomicInteger(calls), status);
        return this;
    }

    /** The next {@code calls} calls of {@code method} (null = any method) get their connection closed, no answer. */
    public Faults dropConnections(String method, int calls) {
        drops = new Countdown(canonical(method), new AtomicInteger(calls), 0);
        return this;
    }

    /**
     * The next {@code calls} calls of {@code method} (null = any method) are never answered nor carried out: the
     * connection stays open until the client gives up, as when a request is lost on its way to Telegram.
     */
    public Faults hang(String method, int calls) {
        hangs = new Countdown(canonical(method), new AtomicInteger(calls), 0);
        return this;
    }

    /**
     * The next {@code calls} calls of {@code method} (null = any method) reach the bot only after {@code delay}, as
     * over a slow network: one whose client has given up and closed its connection by then is not carried out (it
     * is recorded with status 0, and no message is delivered); the others are answered as usual.
     */
    public Faults delayNext(String method, int calls, Duration delay) {
        held = new Hold(new Countdown(canonical(method), new AtomicInteger(calls), 0), delay);
        return this;
    }

    /** Every call waits this long before it is answered (zero to stop). */
    public Faults delay(Duration perCall) {
        delay = perCall;
        return this;
    }

    /** Removes every fault. */
    public Faults clear() {
        tooMany = null;
        serverErrors = null;
        drops = null;
        hangs = null;
        held = null;
        delay = Duration.ZERO;
        return this;
    }

    Duration delay() {
        return delay;
    }

    boolean hang(String method) {
        Countdown c = hangs;
        return c != null && c.take(method);
    }

    /** How long this call of {@code method} is held before it reaches the bot ({@link #delayNext}), or zero. */
    Duration held(String method) {
        Hold h = held;
        return h != null && h.calls().take(method) ? h.delay() : Duration.ZERO;
    }

    boolean drop(String method) {
        Countdown c = drops;
        return c != null && c.take(method);
    }

    /** The 5xx status to answer now, or 0. */
    int serverError(String method) {
        Countdown c = serverErrors;
        return c != null && c.take(method) ? c.value() : 0;
    }

    /** The retry_after of a scripted 429 to answer now, or 0. */
    int tooManyRequests() {
        Countdown c = tooMany;
        return c != null && c.take(null) ? c.value() : 0;
    }

    private static String canonical(String method) {
        if (method == null) return null;
        String canonical = BotApiHandler.canonical(method.toLowerCase(Locale.ROOT));
        if (canonical == null) throw new IllegalArgumentException("the fake does not serve " + method);
        return canonical;
    }
}

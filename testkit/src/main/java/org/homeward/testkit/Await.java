package org.homeward.testkit;

import java.time.Duration;
import java.util.function.BooleanSupplier;

/**
 * Waiting in a test for something to become true, instead of sleeping for a guessed time: returns as soon as it
 * holds, and fails with what was awaited when it does not by the deadline. Deadlines are generous: tests run on
 * small, busy machines (two cores, another build beside them), and a passing test never waits for its deadline.
 */
public final class Await {
    /** A deadline for things that take milliseconds on a quiet machine. */
    public static final Duration GENEROUS = Duration.ofSeconds(30);

    private static final long FIRST_PAUSE_NANOS = 1_000_000L;
    private static final long LONGEST_PAUSE_NANOS = 25_000_000L;

    private Await() {}

    /** Waits until {@code condition} holds, up to {@link #GENEROUS}; {@code what} names it in the failure. */
    public static void until(String what, BooleanSupplier condition) {
        until(what, GENEROUS, condition);
    }

    /**
     * Waits until {@code condition} holds, checking it every few milliseconds (more often at first), and throws an
     * {@link AssertionError} naming {@code what} when {@code deadline} has passed without it holding.
     */
    public static void until(String what, Duration deadline, BooleanSupplier condition) {
        long start = System.nanoTime();
        long pause = FIRST_PAUSE_NANOS;
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() - start > deadline.toNanos()) {
                // One last look: the condition may have become true while this thread was not running.
                if (condition.getAsBoolean()) {
                    return;
                }
                throw new AssertionError("timed out after " + deadline.toMillis() + " ms waiting for " + what);
            }
            try {
                Thread.sleep(Duration.ofNanos(pause));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted while waiting for " + what, e);
            }
            pause = Math.min(pause * 2, LONGEST_PAUSE_NANOS);
        }
    }
}

package org.homeward.testkit;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicReference;

/** A clock a test moves by hand (in UTC): timeouts, reminders and retention are tested without waiting. */
public final class MutableClock extends Clock {
    private final AtomicReference<Instant> now;

    /** A clock showing {@code start} until moved. */
    public MutableClock(Instant start) {
        this.now = new AtomicReference<>(start);
    }

    /** Moves the clock on by {@code d}. */
    public void advance(Duration d) {
        now.updateAndGet(i -> i.plus(d));
    }

    /** Sets the clock to {@code instant}. */
    public void set(Instant instant) {
        now.set(instant);
    }

    @Override
    public Instant instant() {
        return now.get();
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        return this;
    }
}

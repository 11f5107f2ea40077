package org.homeward.bot.transport;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Marks handled updates done in batches, one statement for many, off the chats' lanes: at hundreds of updates a
 * second one commit each would cost more than the handling. A crash can lose the marks of the last few
 * milliseconds; those updates are then handled again after the restart, as any update in hand at a crash is.
 */
final class DoneMarks implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(DoneMarks.class);
    private static final int BATCH = 1_000;

    private final Inbox inbox;
    private final LinkedBlockingQueue<Long> queue = new LinkedBlockingQueue<>();
    private final Thread flusher;
    private volatile boolean running = true;
    private int inFlight; // guarded by this

    DoneMarks(Inbox inbox) {
        this.inbox = inbox;
        this.flusher = Thread.ofVirtual().name("inbox-done").start(this::run);
    }

    void add(long updateId) {
        synchronized (this) {
            inFlight++;
        }
        queue.add(updateId);
    }

    private void run() {
        List<Long> batch = new ArrayList<>(BATCH);
        while (running || !queue.isEmpty()) {
            try {
                Long first = queue.poll(100, TimeUnit.MILLISECONDS);
                if (first == null) {
                    continue;
                }
                batch.add(first);
                queue.drainTo(batch, BATCH - 1);
                flush(batch);
            } catch (InterruptedException e) {
                running = false;
            }
        }
    }

    private void flush(List<Long> batch) throws InterruptedException {
        long backoff = 100;
        while (true) {
            try {
                inbox.markDone(batch);
                break;
            } catch (RuntimeException e) {
                if (!running) {
                    // Stopping with the database away: these stay pending and are handled again at the next start.
                    LOG.warn("{} handled updates not marked done: {}", batch.size(), e.getClass().getSimpleName());
                    break;
                }
                LOG.warn("could not mark {} updates done ({}); retrying", batch.size(), e.getClass().getSimpleName());
                Thread.sleep(backoff);
                backoff = Math.min(backoff * 2, 5_000);
            }
        }
        synchronized (this) {
            inFlight -= batch.size();
            notifyAll();
        }
        batch.clear();
    }

    /** Waits until every mark added so far is written; true when all are. */
    synchronized boolean awaitFlushed(long timeoutMillis) throws InterruptedException {
        long deadline = System.currentTimeMillis() + timeoutMillis;
        while (inFlight > 0) {
            long left = deadline - System.currentTimeMillis();
            if (left <= 0) {
                return false;
            }
            wait(left);
        }
        return true;
    }

    /** Writes what is queued, then stops. */
    @Override
    public void close() {
        running = false;
        try {
            flusher.join(10_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}

package org.homeward.bot.transport;

import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * Runs tasks one at a time per chat, in submission order, and different chats in parallel on virtual threads:
 * a double tap cannot race with itself, and a slow chat never holds up another.
 */
final class ChatLanes implements AutoCloseable {
    private final ExecutorService threads = Executors.newThreadPerTaskExecutor(
            Thread.ofVirtual().name("chat-", 0).factory());
    // Guarded by itself; a lane exists while its chat has work queued or running.
    private final Map<Long, ArrayDeque<Runnable>> lanes = new HashMap<>();
    private int busy;

    /** Queues a task behind every earlier task of the same chat. */
    void submit(long chatId, Runnable task) {
        synchronized (lanes) {
            ArrayDeque<Runnable> lane = lanes.get(chatId);
            if (lane != null) {
                lane.add(task);
                return;
            }
            lane = new ArrayDeque<>();
            lane.add(task);
            lanes.put(chatId, lane);
            busy++;
            threads.execute(() -> drain(chatId));
        }
    }

    private void drain(long chatId) {
        while (true) {
            Runnable next;
            synchronized (lanes) {
                ArrayDeque<Runnable> lane = lanes.get(chatId);
                next = lane.peek();
            }
            try {
                next.run();
            } catch (RuntimeException | Error e) {
                // Tasks handle their own failures; this only keeps the lane alive if one did not.
            }
            synchronized (lanes) {
                ArrayDeque<Runnable> lane = lanes.get(chatId);
                lane.poll();
                if (lane.isEmpty()) {
                    lanes.remove(chatId);
                    busy--;
                    lanes.notifyAll();
                    return;
                }
            }
        }
    }

    /** Waits until every queued task has run, or the timeout passes; true when idle. */
    boolean awaitIdle(long timeout, TimeUnit unit) throws InterruptedException {
        long deadline = System.nanoTime() + unit.toNanos(timeout);
        synchronized (lanes) {
            while (busy > 0) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return false;
                }
                TimeUnit.NANOSECONDS.timedWait(lanes, left);
            }
            return true;
        }
    }

    /** Stops taking new lanes and waits a while for running ones. */
    @Override
    public void close() {
        try {
            awaitIdle(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        threads.shutdownNow();
    }
}

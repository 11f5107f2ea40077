package org.homeward.bot.transport;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import org.jooq.DSLContext;
import org.telegram.telegrambots.meta.api.methods.send.SendMessage;
import org.telegram.telegrambots.meta.api.objects.Update;

/** A test handler: answers "echo: <text>", fails on "boom", waits on "slow" until released. */
final class EchoBot implements UpdateHandler {
    final List<Integer> handled = new CopyOnWriteArrayList<>();
    final CountDownLatch release = new CountDownLatch(1);
    volatile boolean stuck; // a process that hangs: never returns, even when interrupted, until unstuck
    private final CountDownLatch unstuck = new CountDownLatch(1);

    /** Lets a stuck handler return (without handling), so that its thread ends with the test. */
    void unstick() {
        unstuck.countDown();
    }

    @Override
    public List<Reply> handle(DSLContext tx, Update update) throws Exception {
        if (stuck) {
            // The stimulus, not a wait: a hung handler. Only the test ends it, once done with it (unstick).
            boolean interrupted = false;
            while (true) {
                try {
                    unstuck.await();
                    break;
                } catch (InterruptedException ignored) {
                    interrupted = true; // a killed process does not get to clean up
                }
            }
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
            return List.of();
        }
        handled.add(update.getUpdateId());
        if (!update.hasMessage() || !update.getMessage().hasText()) {
            return List.of();
        }
        String text = update.getMessage().getText();
        if (text.equals("boom")) {
            throw new IllegalStateException("boom with personal data A1234567");
        }
        if (text.equals("slow")) {
            release.await();
        }
        return List.of(Reply.message(new SendMessage(update.getMessage().getChatId().toString(), "echo: " + text)));
    }
}

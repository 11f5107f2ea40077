package org.homeward.bot.transport;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Metrics;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import org.homeward.core.people.ChatPseudonym;
import org.homeward.core.people.People;
import org.homeward.db.Database;
import org.homeward.db.enums.ReplyKind;
import org.homeward.db.enums.UnreachableReason;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.telegram.telegrambots.meta.exceptions.TelegramApiException;
import org.telegram.telegrambots.meta.exceptions.TelegramApiRequestException;
import org.telegram.telegrambots.meta.generics.TelegramClient;

/**
 * Sends a chat's stored replies in order, on that chat's lane, right after the transaction that stored them: each
 * until Telegram accepts it, through 5xx answers, timeouts, dropped connections, any {@code retry_after} and the
 * database going away, with growing back-off. Answers that wait longer than the policy's {@code staleAfter} are
 * replaced by one "sorry for the delay" and the question the chat is on now. A reply is sent only under a lease
 * that outlives the call, so no other sender takes it over meanwhile.
 */
final class ReplySender {
    private static final Logger LOG = LoggerFactory.getLogger(ReplySender.class);
    /** A callback answer older than this is refused by Telegram anyway ("query is too old"); a removal is cosmetic. */
    private static final Duration TIDY_LIFETIME = Duration.ofSeconds(60);
    private static final int TIDY_TRIES = 2;
    /** Methods that do not count toward Telegram's message limits, so they take no slot of the shared budget. */
    private static final Set<String> UNPACED = Set.of("answercallbackquery", "sendchataction", "deletemessage");
    // On the global registry, which Homeward joins to the one /metrics shows.
    private static final Counter RETRIED = Counter.builder("homeward.replies.retried")
            .description("reply sends tried again after a transient failure or a 429").register(Metrics.globalRegistry);
    private static final Counter STALE = Counter.builder("homeward.replies.stale")
            .description("chats whose waiting answers were replaced by a sorry for the delay").register(Metrics.globalRegistry);
    private static final Counter REFUSED = Counter.builder("homeward.replies.refused")
            .description("replies Telegram refused for good (4xx other than 403 and 429)").register(Metrics.globalRegistry);

    private enum Result { SENT, DROPPED, STALE, UNREACHABLE, STOPPED }

    private final Database db;
    private final TelegramClient telegram;
    private final Pacer pacer;
    private final ReplyPolicy policy;
    private final UpdateHandler handler;
    private final Replies replies;
    /**
     * Replies this instance holds the lease of, by id, with their lease as stored: a reply is sent only while it is
     * here, so two tasks of one chat that both hold it (a sweep and a turn) never both send it.
     */
    private final Map<Long, Lease> inHand = new ConcurrentHashMap<>();
    private volatile boolean stopping;

    /**
     * A lease held: its value as stored, until when it is safe on this machine's monotonic clock, and whether the
     * row was seen still stored under it since (a swept row may have been sent by the lane that had it before).
     */
    private record Lease(Instant stored, long safeUntilNanos, boolean checked) {}

    ReplySender(Database db, TelegramClient telegram, Pacer pacer, ReplyPolicy policy, UpdateHandler handler,
            Replies replies) {
        this.db = db;
        this.telegram = telegram;
        this.pacer = pacer;
        this.policy = policy;
        this.handler = handler;
        this.replies = replies;
    }

    /**
     * Records that this instance holds the leases of {@code rows}' fresh ones (stored or claimed by a statement
     * started at {@code startedNanos}): each ends no sooner, on this clock, than that moment plus the lease. An older
     * row beside them is taken only once its own lease allows.
     */
    void hold(List<Replies.Row> rows, long startedNanos) {
        hold(rows, startedNanos, true);
    }

    /** As {@link #hold(List, long)} for rows a sweep took over: each is checked again before it is sent. */
    void holdSwept(List<Replies.Row> rows, long startedNanos) {
        hold(rows, startedNanos, false);
    }

    private void hold(List<Replies.Row> rows, long startedNanos, boolean checked) {
        long safeUntil = startedNanos + policy.lease().toNanos();
        for (Replies.Row r : rows) {
            if (r.fresh()) {
                inHand.put(r.id(), new Lease(r.leaseUntil(), safeUntil, checked));
            }
        }
    }

    /** Sends {@code rows} of {@code chatId} in order; returns when each is sent or given up, or at a stop. */
    void send(long chatId, List<Replies.Row> rows) {
        for (int i = 0; i < rows.size(); i++) {
            Result result = sendOne(rows.get(i));
            switch (result) {
                case SENT, DROPPED -> { }
                case STALE -> {
                    forgetAll(rows);
                    resume(chatId);
                    return;
                }
                case UNREACHABLE -> {
                    forgetAll(rows);
                    return;
                }
                case STOPPED -> {
                    release(rows.subList(i, rows.size()));
                    return;
                }
            }
        }
    }

    /** No new send starts after this; a send waiting or backing off gives up its rows for the next start. */
    void stop() {
        stopping = true;
    }

    private Result sendOne(Replies.Row row) {
        int tries = row.tries();
        while (true) {
            if (stopping || Thread.currentThread().isInterrupted()) {
                return Result.STOPPED;
            }
            Duration age = Duration.between(row.createdAt(), Instant.now());
            if ((row.kind() == ReplyKind.MESSAGE || row.kind() == ReplyKind.QUESTION)
                    && age.compareTo(policy.staleAfter()) > 0) {
                return Result.STALE;
            }
            if (row.kind() == ReplyKind.TIDY && age.compareTo(TIDY_LIFETIME) > 0) {
                return drop(row);
            }
            try {
                if (!UNPACED.contains(row.method().toLowerCase(Locale.ROOT))) {
                    pacer.beforeReply();
                }
                Optional<Result> notMine = own(row);
                if (notMine.isPresent()) {
                    return notMine.get();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return Result.STOPPED;
            } catch (RuntimeException e) {
                // The shared budget and the lease live in the database: away, so wait for it.
                tries = backOff(row, tries, e.getClass().getSimpleName(), false);
                continue;
            }
            int messageId;
            try {
                messageId = telegram.execute(new RawCall(row.method(), row.body()));
            } catch (TelegramApiRequestException e) {
                Integer code = e.getErrorCode();
                if (code != null && code == 429) {
                    // https://core.telegram.org/bots/faq#my-bot-is-hitting-limits-how-do-i-avoid-this: wait as asked,
                    // however long; Telegram did not look at the message, so it is not a try.
                    RETRIED.increment();
                    Integer seconds = e.getParameters() == null ? null : e.getParameters().getRetryAfter();
                    if (!pause(Duration.ofSeconds(seconds == null ? 1 : Math.max(1, seconds)))) {
                        return Result.STOPPED;
                    }
                    continue;
                }
                if (code != null && code == 403 && row.kind() != ReplyKind.TIDY) {
                    // https://core.telegram.org/bots/api#making-requests: blocked, or the account is deleted.
                    unreachable(row.chatId(), UnreachableReason.ofForbidden(e.getApiResponse()));
                    return Result.UNREACHABLE;
                }
                if (code != null && code >= 400 && code < 500) {
                    // Trying again cannot help (a callback answer too old, a keyboard already gone, a bad request).
                    if (row.kind() == ReplyKind.TIDY) {
                        LOG.debug("{} refused: {}", row.method(), e.getApiResponse());
                    } else {
                        REFUSED.increment();
                        LOG.warn("reply {} to chat {} refused for good: {} {}", row.method(), ChatPseudonym.of(row.chatId()),
                                code, e.getApiResponse());
                    }
                    return drop(row);
                }
                tries = backOff(row, tries, code == null ? "no answer code" : code + " " + e.getApiResponse(), true);
                if (row.kind() == ReplyKind.TIDY && tries >= TIDY_TRIES) {
                    return drop(row);
                }
                continue;
            } catch (TelegramApiException | RuntimeException e) {
                // A timeout, a dropped connection, an answer that is not JSON: Telegram may not have it.
                if (Thread.currentThread().isInterrupted()) {
                    return Result.STOPPED;
                }
                tries = backOff(row, tries, rootType(e), true);
                if (row.kind() == ReplyKind.TIDY && tries >= TIDY_TRIES) {
                    return drop(row);
                }
                continue;
            }
            sent(row);
            if (row.kind() == ReplyKind.QUESTION && messageId != 0) {
                try {
                    handler.questionSent(db.dsl(), row.chatId(), messageId);
                } catch (RuntimeException e) {
                    LOG.debug("question message id not kept: {}", e.getClass().getSimpleName());
                }
            }
            return Result.SENT;
        }
    }

    /**
     * Makes sure this instance holds the row's lease for longer than a call: kept when enough of it is left, renewed
     * when not, taken when its holder is gone. Empty when the row may be sent now; otherwise what became of it.
     */
    private Optional<Result> own(Replies.Row row) throws InterruptedException {
        while (true) {
            Lease held = inHand.get(row.id());
            long needed = policy.callTimeout().toNanos() + policy.callTimeout().toNanos() / 2;
            if (held != null && held.checked() && held.safeUntilNanos() - System.nanoTime() > needed) {
                return Optional.empty();
            }
            long started = System.nanoTime();
            Optional<Instant> renewed = replies.lease(db.dsl(), row.id(), held == null ? null : held.stored(),
                    policy.lease());
            if (renewed.isPresent()) {
                inHand.put(row.id(), new Lease(renewed.get(), started + policy.lease().toNanos(), true));
                return Optional.empty();
            }
            inHand.remove(row.id());
            if (!replies.exists(db.dsl(), row.id())) {
                // Sent or given up by another task or instance meanwhile.
                return Optional.of(Result.DROPPED);
            }
            // Another sender holds it (another instance, or this one before a crash): wait for it to finish or its
            // lease to pass; the chat's later replies wait too, so they stay in order.
            if (!pause(policy.firstBackoff().multipliedBy(2))) {
                return Optional.of(Result.STOPPED);
            }
        }
    }

    private int backOff(Replies.Row row, int tries, String error, boolean countsAsTry) {
        RETRIED.increment();
        int next = countsAsTry ? tries + 1 : tries;
        if (countsAsTry) {
            try {
                replies.failedOnce(db.dsl(), row.id(), next, error);
            } catch (RuntimeException e) {
                // Only bookkeeping; the database may be why this failed.
            }
        }
        long first = policy.firstBackoff().toMillis();
        long wait = Math.min(policy.maxBackoff().toMillis(), first << Math.min(20, Math.max(0, next - 1)));
        // Jitter, so that a recovering Telegram or database is not met by every lane at the same instant.
        wait += ThreadLocalRandom.current().nextLong(wait / 4 + 1);
        if (countsAsTry && next == 1) {
            // Once per reply: an outage would otherwise log a line per chat per try.
            LOG.info("reply {} to chat {} not sent ({}); trying again", row.method(), ChatPseudonym.of(row.chatId()), error);
        } else {
            LOG.debug("reply {} to chat {}: {}; trying again in {} ms", row.method(), ChatPseudonym.of(row.chatId()), error, wait);
        }
        pause(Duration.ofMillis(wait));
        return next;
    }

    /** Telegram has it: the row goes. Until that is written it stays ours, or another sender would send it again. */
    private void sent(Replies.Row row) {
        for (int attempt = 1; ; attempt++) {
            try {
                // Without waiting for the disk: a crash of Homeward keeps it, and only one of PostgreSQL itself in
                // the next fraction of a second could make this reply go out again.
                replies.delete(db.lazyCommitDsl(), row.id());
                inHand.remove(row.id());
                return;
            } catch (RuntimeException e) {
                // The database is away: wait for it, holding up only this chat, rather than leave the row to be
                // sent again. Only a stop gives up.
                if (stopping || !pause(Duration.ofMillis(Math.min(policy.maxBackoff().toMillis(),
                        policy.firstBackoff().toMillis() << Math.min(20, attempt - 1))))) {
                    LOG.warn("sent reply {} could not be deleted ({}); it may be sent again", row.id(),
                            e.getClass().getSimpleName());
                    inHand.remove(row.id());
                    return;
                }
            }
        }
    }

    private Result drop(Replies.Row row) {
        try {
            replies.delete(db.dsl(), row.id());
        } catch (RuntimeException e) {
            // Left for a sweep: it will be dropped again then.
        }
        inHand.remove(row.id());
        return Result.DROPPED;
    }

    /**
     * The chat's answers waited too long: they all go, and one "sorry for the delay" with the question the chat is
     * on now takes their place, stored like any reply and sent the same way.
     */
    private void resume(long chatId) {
        STALE.increment();
        LOG.info("answers to chat {} waited too long; sending a sorry for the delay", ChatPseudonym.of(chatId));
        List<Replies.Row> rows;
        long started;
        while (true) {
            if (stopping) {
                return;
            }
            started = System.nanoTime();
            try {
                rows = db.dsl().transactionResult(cfg -> {
                    replies.deleteChat(cfg.dsl(), chatId);
                    List<Reply> again = new ArrayList<>();
                    for (Reply r : handler.resume(cfg.dsl(), chatId)) {
                        // The sorry itself never goes stale: it is what answers the wait.
                        again.add(r.kind() == ReplyKind.MESSAGE ? new Reply(r.method(), ReplyKind.RESUME) : r);
                    }
                    return replies.store(cfg.dsl(), chatId, again, policy.lease());
                });
                break;
            } catch (RuntimeException e) {
                if (!Faults.databaseAway(e)) {
                    LOG.error("chat {}: the sorry for the delay could not be made: {}", ChatPseudonym.of(chatId),
                            e.getClass().getName());
                    return;
                }
                pause(policy.firstBackoff().multipliedBy(4));
            }
        }
        hold(rows, started);
        send(chatId, rows);
    }

    private void unreachable(long chatId, UnreachableReason reason) {
        LOG.info("chat {} cannot be reached (403); its waiting replies are dropped", ChatPseudonym.of(chatId));
        try {
            db.dsl().transaction(cfg -> {
                new People(cfg.dsl()).markUnreachable(chatId, reason, Instant.now());
                replies.deleteChat(cfg.dsl(), chatId);
            });
        } catch (RuntimeException e) {
            LOG.warn("chat {} could not be marked unreachable: {}", ChatPseudonym.of(chatId), e.getClass().getSimpleName());
        }
    }

    private void forgetAll(List<Replies.Row> rows) {
        for (Replies.Row r : rows) {
            inHand.remove(r.id());
        }
    }

    /** Hands the rows still held back at a stop, so the next start sends them without waiting out the lease. */
    private void release(List<Replies.Row> rows) {
        List<Long> ids = new ArrayList<>();
        for (Replies.Row r : rows) {
            if (inHand.remove(r.id()) != null) {
                ids.add(r.id());
            }
        }
        try {
            replies.release(db.dsl(), ids);
        } catch (RuntimeException e) {
            // They are taken over once their lease passes.
        }
    }

    /** Waits, unless stopping; false when it should give up. */
    private boolean pause(Duration d) {
        if (stopping) {
            return false;
        }
        try {
            Thread.sleep(d);
            return !stopping;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private static String rootType(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getClass().getSimpleName();
    }
}

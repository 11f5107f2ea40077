package org.homeward.bot.delivery;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import javax.sql.DataSource;
import org.homeward.bot.telegram.MessageIdOnly;
import org.homeward.core.outbox.Outbox;
import org.homeward.core.outbox.OutgoingMessage.Button;
import org.homeward.core.outbox.OutgoingMessage.Text;
import org.homeward.core.outbox.OutgoingMessage;
import org.homeward.db.enums.DeliveryMessageState;
import org.homeward.db.enums.DeliveryStatus;
import org.homeward.db.enums.UnreachableReason;
import org.homeward.i18n.Language;
import org.jooq.DSLContext;
import org.jooq.EnumType;
import org.jooq.SQLDialect;
import org.jooq.impl.DSL;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.telegram.telegrambots.meta.api.methods.GetMe;
import org.telegram.telegrambots.meta.api.methods.send.SendMessage;
import org.telegram.telegrambots.meta.api.methods.send.SendVenue;
import org.telegram.telegrambots.meta.api.objects.replykeyboard.InlineKeyboardMarkup;
import org.telegram.telegrambots.meta.api.objects.replykeyboard.buttons.InlineKeyboardButton;
import org.telegram.telegrambots.meta.api.objects.replykeyboard.buttons.InlineKeyboardRow;
import org.telegram.telegrambots.meta.exceptions.TelegramApiException;
import org.telegram.telegrambots.meta.generics.TelegramClient;

/**
 * Claims due rows ({@code FOR UPDATE SKIP LOCKED} with a lease), sends each within the rate limits, and records
 * the outcomes in batches. One dispatcher thread per instance; sends run on virtual threads.
 */
final class Sender implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Sender.class);
    /** getMe calls at start, at once (each opens a connection the first sends find ready). */
    static final int WARM_UP_CALLS = 4;
    /**
     * Messages kept read and rendered between claims, the most recently used: a broadcast's rows come in many
     * batches, while a per-person notice is a message of its own, used once. A message's content never changes, so
     * one dropped is simply read again.
     */
    static final int CACHED_MESSAGES = 256;
    /** Pause after an unexpected failure of the dispatcher or recorder, so a lasting fault does not spin. */
    private static final Duration FAULT_PAUSE = Duration.ofSeconds(1);

    // Statuses go into the SQL text from the enums' literals rather than as parameters: a generic plan of a
    // prepared statement cannot use the partial index delivery_due_idx (where status in ...) with parameters.
    private static final String CLAIM = """
            with due as (
                select d.id from delivery d
                where d.status in (%1$s, %2$s)
                  and (case when d.status = %2$s then d.lease_until else d.next_try_at end) <= now()
                  and exists (select 1 from delivery_message m where m.id = d.message_id and m.state = %3$s)
                order by (case when d.status = %2$s then d.lease_until else d.next_try_at end), d.id
                limit ?
                for update of d skip locked
            )
            update delivery d set status = %2$s, lease_until = now() + make_interval(secs => ?)
            from due, telegram_user u
            where d.id = due.id and u.chat_id = d.chat_id
            returning d.id, d.message_id, d.chat_id, d.tries, d.lease_until, u.language, u.unreachable_at is not null
            """.formatted(sql(DeliveryStatus.QUEUED), sql(DeliveryStatus.SENDING), sql(DeliveryMessageState.ACTIVE));
    /** All outcomes of a batch in one statement: one row each, unnested from arrays (cheaper than N updates). */
    private static final String RECORD = """
            update delivery d set status = v.status, tries = v.tries,
                next_try_at = coalesce(v.next_try_at::timestamptz, d.next_try_at), lease_until = null,
                telegram_message_id = v.message_id, sent_at = v.sent_at::timestamptz, last_error = v.error
            from unnest(?::bigint[], ?::text[], ?::int[], ?::text[], ?::bigint[], ?::text[], ?::text[], ?::text[])
                as v(id, status, tries, next_try_at, message_id, sent_at, error, lease_until)
            where d.id = v.id and d.status = %s and d.lease_until = v.lease_until::timestamptz
            """.formatted(sql(DeliveryStatus.SENDING));
    private static final String UNREACHABLE = """
            update telegram_user set unreachable_at = now(), unreachable_reason = ?
            where chat_id = ? and unreachable_at is null
            """;
    private static final String QUEUE_DEPTH = "select count(*) from delivery where status in (%s, %s)"
            .formatted(sql(DeliveryStatus.QUEUED), sql(DeliveryStatus.SENDING));

    private static final com.fasterxml.jackson.databind.ObjectMapper JSON = new com.fasterxml.jackson.databind.ObjectMapper();

    private final DataSource dataSource;
    private final TelegramClient telegram;
    private final RateLimiter limiter;
    private final DeliveryConfig config;
    private final Outbox outbox = new Outbox();
    private final DSLContext dsl;
    /** Read and rendered messages, least recently used first; the dispatcher thread's alone. */
    private final Map<Long, Prepared> messages = new LinkedHashMap<>(64, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<Long, Prepared> eldest) {
            return size() > CACHED_MESSAGES;
        }
    };
    private final LinkedBlockingQueue<Result> results = new LinkedBlockingQueue<>();
    private final Semaphore inFlight;
    private final ExecutorService sends = Executors.newVirtualThreadPerTaskExecutor();
    private final int batchSize;
    /**
     * A claimed row's send starts only while its lease has at least this long left: the send timeout for the call,
     * and half of one more to record the outcome before another sender may take the row over. The lease is at least
     * two send timeouts, which leaves half of one after the claim for the sends to start in.
     */
    private final long sendBudgetNanos;
    private final Counter sent;
    private final Counter failed;
    private final Counter throttled;
    private final Counter blocked;
    private final Timer latency;
    private final AtomicLong queueDepth = new AtomicLong();
    private volatile long queueDepthAt;
    private volatile boolean running;
    private Thread dispatcher;
    private Thread recorder;

    Sender(DataSource dataSource, TelegramClient telegram, RateLimiter limiter, DeliveryConfig config,
           MeterRegistry registry) {
        this.dataSource = dataSource;
        this.dsl = DSL.using(dataSource, SQLDialect.POSTGRES);
        this.telegram = telegram;
        this.limiter = limiter;
        this.config = config;
        this.inFlight = new Semaphore(config.maxInFlight());
        double fastest = Math.max(config.botRate(), config.paidRate());
        // About a second of sending per claim: short enough that a crash repeats little, long enough to keep
        // the claim query off the critical path.
        this.batchSize = (int) Math.max(10, Math.min(1000, Math.ceil(fastest)));
        this.sendBudgetNanos = config.sendTimeout().toNanos() + config.sendTimeout().toNanos() / 2;
        this.sent = Counter.builder("homeward.delivery.sent").description("messages Telegram accepted")
                .register(registry);
        this.failed = Counter.builder("homeward.delivery.failed").description("recipients given up on")
                .register(registry);
        this.throttled = Counter.builder("homeward.delivery.throttled").description("429 answers")
                .register(registry);
        this.blocked = Counter.builder("homeward.delivery.blocked").description("403 answers: person unreachable")
                .register(registry);
        this.latency = Timer.builder("homeward.delivery.send").description("time for Telegram to answer a send")
                .register(registry);
        Gauge.builder("homeward.delivery.queue.depth", this, Sender::queueDepth)
                .description("recipients queued or being sent").register(registry);
    }

    synchronized void start() {
        if (running) {
            return;
        }
        running = true;
        dispatcher = Thread.ofPlatform().name("delivery-dispatcher").daemon().start(this::dispatchLoop);
        recorder = Thread.ofPlatform().name("delivery-recorder").daemon().start(this::recordLoop);
    }

    @Override
    public synchronized void close() {
        if (!running) {
            return;
        }
        running = false;
        dispatcher.interrupt();
        join(dispatcher);
        try {
            // Let sends already handed to Telegram finish and be recorded.
            if (!inFlight.tryAcquire(config.maxInFlight(), 10, TimeUnit.SECONDS)) {
                LOG.warn("delivery: sends still in flight at stop; their rows are taken over after the lease");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        sends.shutdown();
        recorder.interrupt();
        join(recorder);
        flush(drain());
    }

    private static void join(Thread t) {
        try {
            t.join(15_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    // ---- dispatch -------------------------------------------------------------------------------------------

    /**
     * The first calls of a fresh JVM are slow (class loading, a new connection); sends paced 33 ms apart would then
     * reach Telegram bunched together and over the limit. One getMe first takes that cost, and checks the token.
     */
    private void warmUp() {
        try {
            // A few at once: each opens a connection the first sends will find ready in the pool.
            List<java.util.concurrent.Future<?>> calls = new ArrayList<>();
            for (int i = 0; i < WARM_UP_CALLS; i++) {
                calls.add(sends.submit(() -> telegram.execute(new GetMe())));
            }
            for (var call : calls) {
                call.get(10, TimeUnit.SECONDS);
            }
            JSON.writeValueAsString(SendMessage.builder().chatId(0L).text("-").allowPaidBroadcast(true)
                    .replyMarkup(keyboard(List.of(List.of(Button.callback(Text.written(Map.of(Language.RU, "-")), "-"))),
                            Language.RU))
                    .build());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException
                 | com.fasterxml.jackson.core.JsonProcessingException | RuntimeException e) {
            LOG.warn("delivery: getMe failed at start ({}); sending anyway", e.getClass().getSimpleName());
        }
    }

    private void dispatchLoop() {
        warmUp();
        long lastSweep = System.nanoTime();
        while (running) {
            try {
                dispatchBatch();
                if (System.nanoTime() - lastSweep > 10_000_000_000L) {
                    limiter.sweep();
                    lastSweep = System.nanoTime();
                }
            } catch (RuntimeException | Error e) {
                // Anything unforeseen: a thread that ended here would stop all sending without a word. The type
                // and the place only; an exception's message may quote data.
                LOG.error("delivery: dispatching failed ({} at {}); going on in {} s", e.getClass().getName(),
                        where(e), FAULT_PAUSE.toSeconds());
                sleep(FAULT_PAUSE);
            }
        }
    }

    /** Claims due rows and hands each to a send; rows it did not get to go back to the queue untouched. */
    private void dispatchBatch() {
        List<Claimed> batch;
        try {
            batch = claim();
        } catch (SQLException | RuntimeException e) {
            LOG.warn("delivery: claim failed ({}); retrying", e.getClass().getSimpleName());
            sleep(Duration.ofSeconds(1));
            return;
        }
        if (batch.isEmpty()) {
            sleep(config.idlePoll());
            return;
        }
        Map<Long, Prepared> contents;
        try {
            contents = prepare(batch);
        } catch (RuntimeException e) {
            LOG.warn("delivery: reading the claimed messages failed ({}); retrying", e.getClass().getSimpleName());
            release(batch);
            sleep(Duration.ofSeconds(1));
            return;
        }
        int i = 0;
        try {
            for (; i < batch.size() && running; i++) {
                dispatch(batch.get(i), contents.get(batch.get(i).messageId()));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            if (i < batch.size()) {
                release(batch.subList(i, batch.size()));
            }
        }
    }

    private void dispatch(Claimed row, Prepared content) throws InterruptedException {
        if (row.unreachable()) {
            results.add(Result.skipped(row, "unreachable"));
            return;
        }
        Rendered rendered = content == null ? new Unsendable("message no longer stored") : content.in(row.language());
        if (rendered instanceof Unsendable u) {
            // Trying again cannot help: the text stays as it is stored.
            results.add(outcome(row, new SendOutcome.PermanentFailure(u.reason())));
            return;
        }
        long chatWait = limiter.chatWaitNanos(row.chatId(), false);
        if (chatWait > 0) {
            // Not a try: the row simply waits for its chat's next slot.
            results.add(Result.later(row, row.tries(), Instant.now().plusNanos(chatWait), null));
            return;
        }
        Ready ready = (Ready) rendered;
        boolean paid = ready.paidBroadcast() && limiter.paidEnabled();
        inFlight.acquire();
        try {
            sends.execute(() -> {
                try {
                    send(row, ready, paid);
                } finally {
                    inFlight.release();
                }
            });
        } catch (RuntimeException e) {
            inFlight.release();
            throw e;
        }
    }

    private void send(Claimed row, Ready content, boolean paid) {
        SendOutcome outcome;
        long start = System.nanoTime();
        try {
            org.telegram.telegrambots.meta.api.methods.botapimethods.BotApiMethod<?> request;
            if (content.venue() != null) {
                // A place on the map (https://core.telegram.org/bots/api#sendvenue); the same outcomes as a text.
                SendVenue.SendVenueBuilder<?, ?> venue = SendVenue.builder()
                        .chatId(row.chatId())
                        .latitude(content.venue().latitude())
                        .longitude(content.venue().longitude())
                        .title(content.text())
                        .address(content.address());
                if (paid) {
                    venue.allowPaidBroadcast(true);
                }
                request = venue.build();
            } else {
                SendMessage.SendMessageBuilder<?, ?> message = SendMessage.builder()
                        .chatId(row.chatId())
                        .text(content.text());
                if (content.keyboard() != null) {
                    message.replyMarkup(content.keyboard());
                }
                if (paid) {
                    message.allowPaidBroadcast(true);
                }
                request = message.build();
            }
            limiter.acquireBulk(paid);
            // A 429 may have come back for another send since this one got its slot: hold it too.
            limiter.waitOutThrottle();
            if (row.leaseEndNanos() - System.nanoTime() < sendBudgetNanos) {
                // Waited too long for a slot (a long 429 pause): the call could outlast the lease, and another
                // sender send the row again meanwhile. Hand it back untouched (a no-op if it is someone else's).
                results.add(Result.later(row, row.tries(), null, null));
                return;
            }
            start = System.nanoTime();
            outcome = new SendOutcome.Sent(telegram.execute(MessageIdOnly.of(request)));
        } catch (TelegramApiException e) {
            outcome = SendOutcome.of(e);
        } catch (InterruptedException e) {
            // Stopping before this row went out: hand it back untouched.
            Thread.currentThread().interrupt();
            results.add(Result.later(row, row.tries(), null, null));
            return;
        } catch (RuntimeException e) {
            // An unexpected client error: do not loop on it forever.
            results.add(outcome(row, new SendOutcome.TransientFailure(e.getClass().getSimpleName())));
            return;
        }
        latency.record(System.nanoTime() - start, TimeUnit.NANOSECONDS);
        results.add(outcome(row, outcome));
    }

    private Result outcome(Claimed row, SendOutcome outcome) {
        Instant now = Instant.now();
        int tries = row.tries() + 1;
        return switch (outcome) {
            case SendOutcome.Sent s -> {
                sent.increment();
                yield new Result(row, DeliveryStatus.SENT, tries, null, s.messageId(), now, null, null);
            }
            case SendOutcome.Throttled t -> {
                throttled.increment();
                limiter.throttle(t.retryAfter());
                // Telegram refused before looking at the message: not a try.
                yield Result.later(row, row.tries(), now.plus(t.retryAfter()), "429 retry after " + t.retryAfter().toSeconds() + " s");
            }
            case SendOutcome.Blocked b -> {
                blocked.increment();
                yield new Result(row, DeliveryStatus.FAILED, tries, null, null, null, "403 " + b.reason().getLiteral(), b.reason());
            }
            case SendOutcome.PermanentFailure p -> {
                failed.increment();
                yield new Result(row, DeliveryStatus.FAILED, tries, null, null, null, p.reason(), null);
            }
            case SendOutcome.TransientFailure f -> {
                if (tries >= config.maxTries()) {
                    failed.increment();
                    yield new Result(row, DeliveryStatus.FAILED, tries, null, null, null, f.reason(), null);
                }
                // Growing back-off with jitter, so that a recovering Telegram is not hit by every retry at once.
                long base = config.backoff().toMillis() << Math.min(20, tries - 1);
                long jitter = ThreadLocalRandom.current().nextLong(base / 4 + 1);
                yield Result.later(row, tries, now.plusMillis(base + jitter), f.reason());
            }
        };
    }

    private static InlineKeyboardMarkup keyboard(List<List<Button>> rows, Language language) {
        List<InlineKeyboardRow> keyboard = new ArrayList<>();
        for (List<Button> row : rows) {
            InlineKeyboardRow r = new InlineKeyboardRow();
            for (Button b : row) {
                InlineKeyboardButton button = new InlineKeyboardButton(b.label().render(language));
                if (b.callbackData() != null) {
                    button.setCallbackData(b.callbackData());
                } else {
                    button.setUrl(b.url());
                }
                r.add(button);
            }
            keyboard.add(r);
        }
        return new InlineKeyboardMarkup(keyboard);
    }

    // ---- database -------------------------------------------------------------------------------------------

    private List<Claimed> claim() throws SQLException {
        List<Claimed> rows = new ArrayList<>(batchSize);
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(CLAIM)) {
            c.setAutoCommit(true);
            s.setInt(1, batchSize);
            s.setDouble(2, config.lease().toMillis() / 1000.0);
            // The lease ends at the database's now() + lease, a now() taken during the query: on this machine's
            // monotonic clock it ends no sooner than a lease after this instant. Comparing with the database's
            // timestamp instead would trust two clocks to agree.
            long leaseEndNanos = System.nanoTime() + config.lease().toNanos();
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    rows.add(new Claimed(r.getLong(1), r.getLong(2), r.getLong(3), r.getInt(4),
                            r.getObject(5, OffsetDateTime.class).toInstant(), leaseEndNanos,
                            Language.fromCode(r.getString(6)).orElse(Language.RU), r.getBoolean(7)));
                }
            }
        }
        // Rows come back in no particular order; send the oldest first.
        rows.sort(java.util.Comparator.comparingLong(Claimed::id));
        return rows;
    }

    private void release(List<Claimed> rows) {
        for (Claimed row : rows) {
            results.add(Result.later(row, row.tries(), null, null));
        }
    }

    /**
     * The messages of a batch, from the cache or read now. The batch keeps its own references: the cache may drop
     * some of them while the batch is still being handed out.
     */
    private Map<Long, Prepared> prepare(List<Claimed> rows) {
        Map<Long, Prepared> batch = new HashMap<>();
        Set<Long> missing = new HashSet<>();
        for (Claimed row : rows) {
            long id = row.messageId();
            if (!batch.containsKey(id)) {
                Prepared cached = messages.get(id);
                if (cached != null) {
                    batch.put(id, cached);
                } else {
                    missing.add(id);
                }
            }
        }
        if (!missing.isEmpty()) {
            outbox.messages(dsl, missing).forEach((id, stored) -> {
                Prepared prepared = new Prepared(id, stored);
                if (stored instanceof Outbox.Stored.Unreadable u) {
                    LOG.warn("delivery: message {} cannot be read back ({}); its recipients are marked failed", id,
                            u.reason());
                }
                messages.put(id, prepared);
                batch.put(id, prepared);
            });
        }
        return batch;
    }

    /** How many messages are cached now; for tests, read while the dispatcher is idle. */
    int cachedMessages() {
        return messages.size();
    }

    private void recordLoop() {
        while (running || !results.isEmpty()) {
            List<Result> batch;
            try {
                Result first = results.poll(200, TimeUnit.MILLISECONDS);
                if (first == null) {
                    continue;
                }
                // Gather what arrives within a few milliseconds: one transaction for many outcomes.
                Thread.sleep(20);
                batch = new ArrayList<>();
                batch.add(first);
                results.drainTo(batch, 2000);
            } catch (InterruptedException e) {
                if (!running) {
                    return;
                }
                continue;
            }
            try {
                flush(batch);
            } catch (RuntimeException | Error e) {
                // As in the dispatcher: never end without a word. These rows stay 'sending' and are taken over
                // after their lease.
                LOG.error("delivery: recording {} outcomes failed ({} at {}); going on", batch.size(),
                        e.getClass().getName(), where(e));
                sleep(FAULT_PAUSE);
            }
        }
    }

    private List<Result> drain() {
        List<Result> batch = new ArrayList<>();
        results.drainTo(batch);
        return batch;
    }

    private void flush(List<Result> batch) {
        if (batch.isEmpty()) {
            return;
        }
        for (int attempt = 1; ; attempt++) {
            try (Connection c = dataSource.getConnection()) {
                c.setAutoCommit(false);
                try (PreparedStatement s = c.prepareStatement(RECORD); PreparedStatement u = c.prepareStatement(UNREACHABLE)) {
                    int n = batch.size();
                    Long[] ids = new Long[n];
                    String[] statuses = new String[n];
                    Integer[] tries = new Integer[n];
                    String[] nextTries = new String[n];
                    Long[] messageIds = new Long[n];
                    String[] sentAts = new String[n];
                    String[] errors = new String[n];
                    String[] leases = new String[n];
                    for (int i = 0; i < n; i++) {
                        Result r = batch.get(i);
                        ids[i] = r.row().id();
                        statuses[i] = r.status().getLiteral();
                        tries[i] = r.tries();
                        nextTries[i] = r.nextTry() == null ? null : r.nextTry().toString();
                        messageIds[i] = r.telegramMessageId();
                        sentAts[i] = r.sentAt() == null ? null : r.sentAt().toString();
                        errors[i] = r.error();
                        // Instant's text keeps every digit: the lease matches the stored one exactly.
                        leases[i] = r.row().leaseUntil().toString();
                        if (r.unreachable() != null) {
                            u.setString(1, r.unreachable().getLiteral());
                            u.setLong(2, r.row().chatId());
                            u.addBatch();
                        }
                    }
                    s.setArray(1, c.createArrayOf("bigint", ids));
                    s.setArray(2, c.createArrayOf("text", statuses));
                    s.setArray(3, c.createArrayOf("int4", tries));
                    s.setArray(4, c.createArrayOf("text", nextTries));
                    s.setArray(5, c.createArrayOf("bigint", messageIds));
                    s.setArray(6, c.createArrayOf("text", sentAts));
                    s.setArray(7, c.createArrayOf("text", errors));
                    s.setArray(8, c.createArrayOf("text", leases));
                    s.executeUpdate();
                    u.executeBatch();
                    c.commit();
                    return;
                } catch (SQLException e) {
                    c.rollback();
                    throw e;
                }
            } catch (SQLException e) {
                // The rows stay 'sending' and are taken over after their lease if this never succeeds.
                LOG.warn("delivery: recording {} outcomes failed (attempt {}): {}", batch.size(), attempt,
                        e.getClass().getSimpleName());
                if (attempt >= 5) {
                    return;
                }
                sleep(Duration.ofMillis(200L * attempt));
            }
        }
    }

    private long queueDepth() {
        // A scrape every few seconds should not count the whole queue each time.
        if (System.nanoTime() - queueDepthAt > 2_000_000_000L) {
            try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(QUEUE_DEPTH);
                 ResultSet r = s.executeQuery()) {
                r.next();
                queueDepth.set(r.getLong(1));
                queueDepthAt = System.nanoTime();
            } catch (SQLException e) {
                LOG.warn("delivery: queue depth query failed: {}", e.getClass().getSimpleName());
            }
        }
        return queueDepth.get();
    }

    private static void sleep(Duration d) {
        try {
            Thread.sleep(d);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * A claimed row: who, what, and until when it is ours: {@code leaseUntil} as stored (what the outcome's update
     * matches), {@code leaseEndNanos} no later than it on {@link System#nanoTime}'s clock (what sends are timed by).
     */
    record Claimed(long id, long messageId, long chatId, int tries, Instant leaseUntil, long leaseEndNanos,
                   Language language, boolean unreachable) {}

    /**
     * A message as the dispatcher needs it: what was stored, rendered once per language when first needed (the
     * same for every recipient speaking it). Used by the dispatcher thread only.
     */
    private static final class Prepared {
        private final long id;
        private final Outbox.Stored stored;
        private final Map<Language, Rendered> rendered = new EnumMap<>(Language.class);

        Prepared(long id, Outbox.Stored stored) {
            this.id = id;
            this.stored = stored;
        }

        Rendered in(Language language) {
            return rendered.computeIfAbsent(language, this::render);
        }

        private Rendered render(Language language) {
            return switch (stored) {
                case Outbox.Stored.Unreadable u -> new Unsendable(truncate(u.reason()));
                case Outbox.Stored.Readable(OutgoingMessage message) -> {
                    try {
                        yield new Ready(message.text().render(language),
                                message.keyboard().isEmpty() ? null : keyboard(message.keyboard(), language),
                                message.paidBroadcast(), message.venue(),
                                message.venue() == null ? null : message.venue().address().render(language));
                    } catch (RuntimeException e) {
                        // A key whose arguments no longer fit its pattern (a number turned into a plural, a text
                        // into a date). The exception's type only: its message may quote an argument.
                        String reason = truncate("cannot render " + (message.text() instanceof Text.Key k ? k.key() : "text")
                                + " in " + language.code() + " (" + e.getClass().getSimpleName() + ")");
                        LOG.warn("delivery: message {}: {}; its recipients in that language are marked failed", id, reason);
                        yield new Unsendable(reason);
                    }
                }
            };
        }
    }

    /** A message rendered for one language, or why it cannot be. */
    private sealed interface Rendered permits Ready, Unsendable {}

    /**
     * What goes to Telegram; the keyboard is null for none, and shared by the sends (only read). With a venue, the
     * text is its title and {@code address} its address.
     */
    private record Ready(String text, InlineKeyboardMarkup keyboard, boolean paidBroadcast, OutgoingMessage.Venue venue,
                         String address) implements Rendered {}

    /** Cannot be sent; {@code reason} names keys and types only. */
    private record Unsendable(String reason) implements Rendered {}

    /** Where an exception was thrown: its first frame, for a log line without its message. */
    private static String where(Throwable e) {
        StackTraceElement[] trace = e.getStackTrace();
        return trace.length == 0 ? "unknown" : trace[0].toString();
    }

    /** A reason as {@code delivery.last_error} takes it (at most 300 characters). */
    private static String truncate(String reason) {
        return reason.length() <= 300 ? reason : reason.substring(0, 300);
    }

    /** The new state of a claimed row. */
    record Result(Claimed row, DeliveryStatus status, int tries, Instant nextTry, Long telegramMessageId, Instant sentAt,
                  String error, UnreachableReason unreachable) {
        static Result later(Claimed row, int tries, Instant nextTry, String error) {
            return new Result(row, DeliveryStatus.QUEUED, tries, nextTry, null, null, error, null);
        }

        static Result skipped(Claimed row, String reason) {
            return new Result(row, DeliveryStatus.SKIPPED, row.tries(), null, null, null, reason, null);
        }
    }

    /** A status as an SQL string literal; the literals are lower-case words, nothing to escape. */
    private static String sql(EnumType status) {
        return "'" + status.getLiteral() + "'";
    }
}

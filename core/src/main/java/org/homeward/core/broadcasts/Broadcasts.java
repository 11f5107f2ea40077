package org.homeward.core.broadcasts;

import static org.homeward.db.jooq.Tables.BROADCAST;
import static org.homeward.db.jooq.Tables.DELIVERY;
import static org.homeward.db.jooq.Tables.TELEGRAM_USER;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.homeward.core.outbox.Audience;
import org.homeward.core.outbox.Outbox;
import org.homeward.core.outbox.OutgoingMessage;
import org.homeward.core.outbox.OutgoingMessage.Text;
import org.homeward.db.enums.DeliveryStatus;
import org.homeward.db.enums.StaffStatus;
import org.homeward.db.jooq.tables.records.BroadcastRecord;
import org.homeward.i18n.Language;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.JSONB;
import org.jooq.Record;
import org.jooq.impl.DSL;

/**
 * Broadcasts as staff write and send them: a text per language (or a plan of which written text each language
 * gets), an audience filter, approval by a second member above a threshold, sending now or at a time. Sending is
 * one transaction: the broadcast's state and the outbox rows of everyone in its audience, so a broadcast is sent
 * exactly once or not at all. Works on the caller's transaction.
 */
public final class Broadcasts {
    /** Telegram's longest message text (https://core.telegram.org/bots/api#sendmessage), in UTF-16 code units. */
    public static final int MAX_TEXT = OutgoingMessage.MAX_TEXT_LENGTH;
    /** The delivery kind of a broadcast. */
    public static final String KIND = "broadcast";
    /** The delivery kind of a test send. */
    public static final String TEST_KIND = "broadcast_test";

    private final DSLContext tx;
    private final Outbox outbox;

    /** Broadcasts read and written in {@code tx}, sent through {@code outbox}. */
    public Broadcasts(DSLContext tx, Outbox outbox) {
        this.tx = tx;
        this.outbox = outbox;
    }

    /** Where a broadcast stands. */
    public enum State {
        /** Written, not yet asked to be sent. */
        DRAFT,
        /** Asked to be sent to more people than one member may send to alone: a second member must approve. */
        AWAITING_APPROVAL,
        /** Approved (or small enough) and waiting for its time. */
        SCHEDULED,
        /** Enqueued for its audience; the delivery engine is sending it (see its progress). */
        SENT,
        /** Cancelled before it was sent. */
        CANCELLED,
        /** Its time passed while Homeward was down, longer ago than the configured limit: not sent. */
        MISSED;

        /** The value stored in {@code broadcast.state}. */
        public String literal() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }

        static State of(String literal) {
            return valueOf(literal.toUpperCase(java.util.Locale.ROOT));
        }
    }

    /** Whether recipients must have a live (confirmed, not cancelled) registration. */
    public enum Registered {
        /** Registered or not. */
        ANY,
        /** Only people with a live registration. */
        YES,
        /** Only people without one. */
        NO
    }

    /**
     * Who gets a broadcast. Empty lists mean "any"; the registration criteria must all hold for one registration.
     *
     * @param languages language codes (tg, ru, uz) and {@link #NO_LANGUAGE} for people who never chose one
     */
    public record Filter(List<Integer> places, List<Integer> destinations, List<StaffStatus> statuses,
                         List<String> needs, List<String> languages, Long departureId, Registered registered) {
        /** The language "code" of people who never chose a language. */
        public static final String NO_LANGUAGE = "none";

        /** Copies the lists. */
        public Filter {
            places = List.copyOf(places);
            destinations = List.copyOf(destinations);
            statuses = List.copyOf(statuses);
            needs = List.copyOf(needs);
            languages = List.copyOf(languages);
            Objects.requireNonNull(registered, "registered");
        }

        /** Everyone who ever wrote to the bot. */
        public static Filter everyone() {
            return new Filter(List.of(), List.of(), List.of(), List.of(), List.of(), null, Registered.ANY);
        }

        /** People with a live registration at one of these places. */
        public static Filter places(Integer... placeIds) {
            return new Filter(List.of(placeIds), List.of(), List.of(), List.of(), List.of(), null, Registered.ANY);
        }
    }

    /**
     * What staff wrote: texts per language (null or absent: not written), and for each recipient language the
     * language of the written text it gets. People who never chose a language get what Russian speakers get.
     */
    public record Draft(Map<Language, String> texts, Map<Language, Language> plan, Filter filter) {
        /** Copies the maps, leaving out blank texts. */
        public Draft {
            Map<Language, String> t = new EnumMap<>(Language.class);
            texts.forEach((l, s) -> {
                if (s != null && !s.isBlank()) {
                    t.put(l, s);
                }
            });
            texts = Map.copyOf(t);
            Map<Language, Language> p = new EnumMap<>(Language.class);
            plan.forEach((l, w) -> {
                if (w != null) {
                    p.put(l, w);
                }
            });
            // A written language always goes to its own speakers.
            texts.keySet().forEach(l -> p.put(l, l));
            plan = Map.copyOf(p);
            Objects.requireNonNull(filter, "filter");
        }

        /** All three texts written, each to its own language. */
        public static Draft of(String tg, String ru, String uz, Filter filter) {
            Map<Language, String> texts = new EnumMap<>(Language.class);
            texts.put(Language.TG, tg);
            texts.put(Language.RU, ru);
            texts.put(Language.UZ, uz);
            return new Draft(texts, Map.of(), filter);
        }

        /**
         * What is wrong, by field ({@code text_tg}, {@code plan_uz}, ...) with a problem code: {@code missing}
         * (no text at all), {@code too_long}, {@code plan} (a recipient language gets no written text).
         */
        public Map<String, String> problems() {
            Map<String, String> problems = new LinkedHashMap<>();
            if (texts.isEmpty()) {
                problems.put("text_ru", "missing");
            }
            texts.forEach((l, s) -> {
                if (s.length() > MAX_TEXT) {
                    problems.put("text_" + l.code(), "too_long");
                }
            });
            if (!texts.isEmpty()) {
                for (Language l : Language.values()) {
                    Language to = plan.get(l);
                    if (to == null || !texts.containsKey(to)) {
                        problems.put("plan_" + l.code(), "plan");
                    }
                }
            }
            return problems;
        }

        /** The text each recipient language gets, for the outbox (whose fallback for no language is Russian). */
        Map<Language, String> perRecipientLanguage() {
            Map<Language, String> out = new EnumMap<>(Language.class);
            for (Language l : Language.values()) {
                out.put(l, texts.get(plan.get(l)));
            }
            return out;
        }
    }

    /** A stored broadcast. */
    public record Broadcast(long id, Draft draft, long authorId, Long approverId, State state, Instant scheduledAt,
                            Integer recipients, Long messageId, int version, Instant createdAt, Instant approvedAt,
                            Instant sentAt, String scheduledZone) {}

    /**
     * Where a sent broadcast's delivery stands, as staff read it.
     *
     * @param unreachable people who blocked the bot or whose account is gone (403), now or before
     * @param cancelled recipients skipped because the broadcast was cancelled
     * @param timeLeft at the pace of the last 30 seconds; empty while paused or before the first send
     */
    public record Progress(long total, long sent, long waiting, long failed, long unreachable, long cancelled,
                           boolean paused, boolean stopped, Optional<Duration> timeLeft) {
        /** True when nobody is left waiting. */
        public boolean done() {
            return waiting == 0;
        }
    }

    /** What became of a request, approval or cancellation. */
    public sealed interface Outcome {
        /** Enqueued for {@code recipients} people. */
        record Sent(int recipients) implements Outcome {}

        /** Waiting for its time; counted {@code recipients} now. */
        record Scheduled(int recipients) implements Outcome {}

        /** Waits for a second member's approval: {@code recipients} is above {@code threshold}. */
        record NeedsApproval(int recipients, int threshold) implements Outcome {}

        /** Cancelled. */
        record Cancelled() implements Outcome {}

        /** The broadcast changed since the page was shown (another member acted): nothing done. */
        record Stale() implements Outcome {}

        /** Not possible in its state, or by this member (the author cannot approve): nothing done. */
        record Refused(String why) implements Outcome {}
    }

    /** Stores a draft, checked by {@link Draft#problems()} (it throws when there are any). */
    public long create(Draft draft, long authorId, Instant now) {
        if (!draft.problems().isEmpty()) {
            throw new IllegalArgumentException("draft has problems: " + draft.problems().keySet());
        }
        BroadcastRecord r = tx.newRecord(BROADCAST);
        write(r, draft);
        r.setAuthorId(authorId);
        r.setState(State.DRAFT.literal());
        r.setCreatedAt(now);
        r.setUpdatedAt(now);
        r.store();
        return r.getId();
    }

    /** A broadcast, if any. */
    public Optional<Broadcast> find(long id) {
        return tx.selectFrom(BROADCAST).where(BROADCAST.ID.eq(id)).fetchOptional().map(Broadcasts::broadcast);
    }

    /** The newest broadcasts first, at most {@code limit}. */
    public List<Broadcast> list(int limit) {
        return tx.selectFrom(BROADCAST).orderBy(BROADCAST.ID.desc()).limit(limit).fetch(Broadcasts::broadcast);
    }

    /** How many people a filter reaches now: the same condition as the send, unreachable people left out. */
    public int count(Filter filter) {
        return tx.fetchCount(DSL.selectOne().from(TELEGRAM_USER)
                .where(TELEGRAM_USER.UNREACHABLE_AT.isNull()).and(Audiences.condition(filter)));
    }

    /**
     * Asks for a draft to be sent, now ({@code at} null or not after {@code now}) or at {@code at}. Above
     * {@code approvalAbove} recipients it waits for a second member's approval instead.
     */
    public Outcome request(long id, int version, Instant at, int approvalAbove, Instant now) {
        return request(id, version, at, null, approvalAbove, now);
    }

    /** As {@link #request(long, int, Instant, int, Instant)}, keeping the zone {@code at} was typed in. */
    public Outcome request(long id, int version, Instant at, java.time.ZoneId zone, int approvalAbove, Instant now) {
        BroadcastRecord r = lock(id);
        if (r == null || r.getVersion() != version) {
            return new Outcome.Stale();
        }
        if (State.of(r.getState()) != State.DRAFT) {
            return new Outcome.Refused("state");
        }
        r.setScheduledAt(at != null && at.isAfter(now) ? at : null);
        r.setScheduledZone(r.getScheduledAt() == null || zone == null ? null : zone.getId());
        int n = audienceNow(r);
        if (n > approvalAbove) {
            r.setState(State.AWAITING_APPROVAL.literal());
            touch(r, now);
            return new Outcome.NeedsApproval(n, approvalAbove);
        }
        return goAhead(r, now);
    }

    /**
     * A second member approves: it is sent now or scheduled. The author cannot approve their own broadcast. The
     * audience is counted again (people come and go): the outcome says how many it went to.
     */
    public Outcome approve(long id, int version, long approverId, Instant now) {
        BroadcastRecord r = lock(id);
        if (r == null || r.getVersion() != version) {
            return new Outcome.Stale();
        }
        if (State.of(r.getState()) != State.AWAITING_APPROVAL) {
            return new Outcome.Refused("state");
        }
        if (r.getAuthorId() == approverId) {
            return new Outcome.Refused("own");
        }
        r.setApproverId(approverId);
        r.setApprovedAt(now);
        return goAhead(r, now);
    }

    /** Cancels a broadcast not yet sent (a sent one is stopped through its delivery: {@link #stop}). */
    public Outcome cancel(long id, int version, Instant now) {
        BroadcastRecord r = lock(id);
        if (r == null || r.getVersion() != version) {
            return new Outcome.Stale();
        }
        if (!Set.of(State.DRAFT, State.AWAITING_APPROVAL, State.SCHEDULED).contains(State.of(r.getState()))) {
            return new Outcome.Refused("state");
        }
        r.setState(State.CANCELLED.literal());
        touch(r, now);
        return new Outcome.Cancelled();
    }

    /** Pauses a sent broadcast's delivery. */
    public boolean pause(long id) {
        return messageId(id).map(m -> outbox.pause(tx, m)).orElse(false);
    }

    /** Resumes a paused broadcast's delivery. */
    public boolean resume(long id) {
        return messageId(id).map(m -> outbox.resume(tx, m)).orElse(false);
    }

    /** Stops a sent broadcast's delivery for good; returns how many recipients will not get it. */
    public int stop(long id) {
        return messageId(id).map(m -> outbox.cancel(tx, m)).orElse(0);
    }

    /** A sent broadcast's delivery progress, or empty before it is sent. */
    public Optional<Progress> progress(long id) {
        Optional<Long> message = messageId(id);
        if (message.isEmpty()) {
            return Optional.empty();
        }
        Optional<Outbox.Progress> p = outbox.progress(tx, message.get());
        if (p.isEmpty()) {
            return Optional.empty();
        }
        Field<Integer> unreachable = DSL.count().filterWhere(
                DELIVERY.STATUS.eq(DeliveryStatus.FAILED).and(DELIVERY.LAST_ERROR.like("403%"))
                        .or(DELIVERY.STATUS.eq(DeliveryStatus.SKIPPED).and(DELIVERY.LAST_ERROR.eq("unreachable"))));
        Field<Integer> cancelled = DSL.count().filterWhere(
                DELIVERY.STATUS.eq(DeliveryStatus.SKIPPED).and(DELIVERY.LAST_ERROR.isDistinctFrom("unreachable")));
        Record r = tx.select(unreachable, cancelled).from(DELIVERY).where(DELIVERY.MESSAGE_ID.eq(message.get())).fetchSingle();
        Outbox.Progress o = p.get();
        long unreach = r.get(unreachable);
        long failed = o.failed() + o.skipped() - unreach - r.get(cancelled);
        return Optional.of(new Progress(o.total(), o.sent(), o.queued() + o.sending(), failed, unreach, r.get(cancelled),
                o.state() == org.homeward.db.enums.DeliveryMessageState.PAUSED,
                o.state() == org.homeward.db.enums.DeliveryMessageState.CANCELLED, o.timeLeft()));
    }

    /**
     * Sends a test of a broadcast to one chat (a member's own Telegram, or a simulated person): each written text,
     * marked with its language code, as it will go. Returns false when the chat is unknown to the bot.
     */
    public boolean test(long id, long chatId) {
        Broadcast b = find(id).orElse(null);
        if (b == null || tx.fetchCount(TELEGRAM_USER, TELEGRAM_USER.CHAT_ID.eq(chatId)) == 0) {
            return false;
        }
        for (Language l : Language.values()) {
            String text = b.draft().texts().get(l);
            if (text != null) {
                String marked = "[" + l.code() + "]\n" + text;
                if (marked.length() > MAX_TEXT) {
                    marked = text;
                }
                Map<Language, String> all = new EnumMap<>(Language.class);
                for (Language each : Language.values()) {
                    all.put(each, marked);
                }
                outbox.enqueue(tx, OutgoingMessage.of(TEST_KIND, Text.written(all)), Audience.chat(chatId));
            }
        }
        return true;
    }

    /**
     * What the job did: sent, marked missed, or held for approval (scheduled below the threshold, its audience grew
     * above it by the time it fell due).
     */
    public record Due(List<Long> sent, List<Long> missed, List<Long> held) {
        /** Nothing held. */
        public Due(List<Long> sent, List<Long> missed) {
            this(sent, missed, List.of());
        }
    }

    /**
     * Sends every scheduled broadcast whose time has come, or marks it missed when its time is more than
     * {@code missedAfter} ago (Homeward was down). Each row is claimed with {@code for update skip locked} in the
     * caller's transaction, so two instances running this at once send each broadcast once.
     */
    public Due runDue(Instant now, Duration missedAfter) {
        return runDue(now, missedAfter, Integer.MAX_VALUE);
    }

    /**
     * As {@link #runDue(Instant, Duration)}; a broadcast nobody approved whose audience is now above
     * {@code approvalAbove} (it was scheduled below it) waits for a second member's approval instead of going.
     */
    public Due runDue(Instant now, Duration missedAfter, int approvalAbove) {
        List<Long> sent = new ArrayList<>();
        List<Long> missed = new ArrayList<>();
        List<Long> held = new ArrayList<>();
        List<BroadcastRecord> due = tx.selectFrom(BROADCAST)
                .where(BROADCAST.STATE.eq(State.SCHEDULED.literal())).and(BROADCAST.SCHEDULED_AT.le(now))
                .orderBy(BROADCAST.SCHEDULED_AT, BROADCAST.ID).forUpdate().skipLocked().fetch();
        for (BroadcastRecord r : due) {
            if (r.getScheduledAt().isBefore(now.minus(missedAfter))) {
                r.setState(State.MISSED.literal());
                touch(r, now);
                missed.add(r.getId());
            } else if (r.getApproverId() == null && approvalAbove < Integer.MAX_VALUE
                    && audienceNow(r) > approvalAbove) {
                r.setState(State.AWAITING_APPROVAL.literal());
                touch(r, now);
                held.add(r.getId());
            } else {
                send(r, now);
                sent.add(r.getId());
            }
        }
        return new Due(sent, missed, held);
    }

    /** Counts the broadcast's audience as it is now and keeps the number on the row. */
    private int audienceNow(BroadcastRecord r) {
        r.setRecipients(count(broadcast(r).draft().filter()));
        return r.getRecipients();
    }

    private Outcome goAhead(BroadcastRecord r, Instant now) {
        if (r.getScheduledAt() != null && r.getScheduledAt().isAfter(now)) {
            r.setState(State.SCHEDULED.literal());
            audienceNow(r);
            touch(r, now);
            return new Outcome.Scheduled(r.getRecipients());
        }
        return new Outcome.Sent(send(r, now));
    }

    /** Enqueues for the audience as it is now, in this transaction; returns how many it went to. */
    private int send(BroadcastRecord r, Instant now) {
        Broadcast b = broadcast(r);
        long message = outbox.enqueue(tx, OutgoingMessage.of(KIND, Text.written(b.draft().perRecipientLanguage())),
                Audience.where(Audiences.condition(b.draft().filter())));
        int n = tx.fetchCount(DELIVERY, DELIVERY.MESSAGE_ID.eq(message));
        r.setDeliveryMessageId(message);
        r.setRecipients(n);
        r.setState(State.SENT.literal());
        r.setSentAt(now);
        touch(r, now);
        return n;
    }

    private Optional<Long> messageId(long id) {
        return Optional.ofNullable(tx.select(BROADCAST.DELIVERY_MESSAGE_ID).from(BROADCAST).where(BROADCAST.ID.eq(id))
                .fetchOne(BROADCAST.DELIVERY_MESSAGE_ID));
    }

    private BroadcastRecord lock(long id) {
        return tx.selectFrom(BROADCAST).where(BROADCAST.ID.eq(id)).forUpdate().fetchOne();
    }

    private static void touch(BroadcastRecord r, Instant now) {
        r.setUpdatedAt(now);
        r.setVersion(r.getVersion() + 1);
        r.store();
    }

    private static void write(BroadcastRecord r, Draft d) {
        r.setTextTg(d.texts().get(Language.TG));
        r.setTextRu(d.texts().get(Language.RU));
        r.setTextUz(d.texts().get(Language.UZ));
        r.setPlanTg(d.plan().get(Language.TG).code());
        r.setPlanRu(d.plan().get(Language.RU).code());
        r.setPlanUz(d.plan().get(Language.UZ).code());
        r.setAudience(JSONB.valueOf(Audiences.json(d.filter())));
    }

    private static Broadcast broadcast(BroadcastRecord r) {
        Map<Language, String> texts = new EnumMap<>(Language.class);
        texts.put(Language.TG, r.getTextTg());
        texts.put(Language.RU, r.getTextRu());
        texts.put(Language.UZ, r.getTextUz());
        Map<Language, Language> plan = new EnumMap<>(Language.class);
        plan.put(Language.TG, Language.fromCode(r.getPlanTg()).orElseThrow());
        plan.put(Language.RU, Language.fromCode(r.getPlanRu()).orElseThrow());
        plan.put(Language.UZ, Language.fromCode(r.getPlanUz()).orElseThrow());
        Draft draft = new Draft(texts, plan, Audiences.filter(r.getAudience().data()));
        return new Broadcast(r.getId(), draft, r.getAuthorId(), r.getApproverId(), State.of(r.getState()),
                r.getScheduledAt(), r.getRecipients(), r.getDeliveryMessageId(), r.getVersion(), r.getCreatedAt(),
                r.getApprovedAt(), r.getSentAt(), r.getScheduledZone());
    }
}

package org.homeward.bot.transport;

import static org.homeward.db.jooq.Tables.REPLY;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.homeward.db.enums.InboxStatus;
import org.homeward.db.enums.ReplyKind;
import org.homeward.db.jooq.tables.records.ReplyRecord;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.InsertValuesStep5;
import org.jooq.Record1;
import org.jooq.impl.DSL;
import org.telegram.telegrambots.meta.api.methods.botapimethods.BotApiMethod;
import org.telegram.telegrambots.meta.exceptions.TelegramApiValidationException;

/** The stored replies ({@code reply}): written in an update's transaction, deleted once Telegram has them. */
final class Replies {
    /**
     * A stored reply as the sender sees it; {@code fresh} when stored just now under this instance's lease (an older
     * one found beside it may be another sender's).
     */
    record Row(long id, long chatId, String method, String body, ReplyKind kind, Instant createdAt,
               Instant leaseUntil, int tries, boolean fresh) {}

    /**
     * An update's end in one statement, after its handler has run: the inbox row marked done (unless it is no longer
     * pending, then nothing is stored and the caller rolls back), the replies stored under a lease, and the chat's
     * replies returned in order, the older ones a crash or an outage left first. One round trip instead of three,
     * on the path every update takes. The first row only carries whether the update was marked.
     */
    private static final String FINISH = """
            with done as (
                update inbox set status = '%s', payload = null, handled_at = now()
                where update_id = ? and status = '%s'
                returning update_id
            ), ins as (
                insert into reply (chat_id, method, body, kind, lease_until)
                select ?, r.method, r.body, r.kind, now() + make_interval(secs => ?)
                from unnest(?::text[], ?::text[], ?::text[]) with ordinality as r(method, body, kind, n)
                where ? or exists (select 1 from done)
                order by r.n
                returning id, chat_id, method, body, kind, created_at, lease_until, tries
            )
            select 0 as part, (select count(*) from done)::bigint as id, null::bigint as chat_id, null as method,
                   null as body, null as kind, null::timestamptz as created_at, null::timestamptz as lease_until,
                   null::int as tries
            union all
            select 1, id, chat_id, method, body, kind, created_at, lease_until, tries from reply where chat_id = ?
            union all
            select 2, id, chat_id, method, body, kind, created_at, lease_until, tries from ins
            order by 1, 2
            """.formatted(InboxStatus.DONE.getLiteral(), InboxStatus.PENDING.getLiteral());

    /** What finishing an update gave: whether it was still pending (so it is now done) and the chat's replies. */
    record Finished(boolean marked, List<Row> rows) {}

    private final ObjectMapper json;

    Replies(ObjectMapper json) {
        this.json = json;
    }

    /**
     * Marks update {@code updateId} done (when {@code inInbox}) and stores its replies, in one statement on {@code tx};
     * see {@link #FINISH}. When the update was not pending, nothing is stored and {@code marked} is false.
     */
    Finished finish(DSLContext tx, long updateId, boolean inInbox, long chatId, List<Reply> replies, Duration lease) {
        int n = replies.size();
        String[] methods = new String[n];
        String[] bodies = new String[n];
        String[] kinds = new String[n];
        for (int i = 0; i < n; i++) {
            Reply r = replies.get(i);
            methods[i] = r.method().getMethod();
            bodies[i] = body(r.method());
            kinds[i] = r.kind().getLiteral();
        }
        boolean[] marked = {false};
        List<Row> rows = new ArrayList<>();
        tx.resultQuery(FINISH, updateId, chatId, lease.toMillis() / 1000.0, methods, bodies, kinds, !inInbox, chatId)
                .forEach(r -> {
                    int part = r.get(0, Integer.class);
                    if (part == 0) {
                        marked[0] = r.get(1, Long.class) > 0;
                        return;
                    }
                    rows.add(new Row(r.get(1, Long.class), r.get(2, Long.class), r.get(3, String.class),
                            r.get(4, String.class), ReplyKind.valueOf(r.get(5, String.class).toUpperCase(java.util.Locale.ROOT)),
                            r.get(6, java.time.OffsetDateTime.class).toInstant(),
                            r.get(7, java.time.OffsetDateTime.class).toInstant(), r.get(8, Integer.class), part == 2));
                });
        return new Finished(marked[0] || !inInbox, rows);
    }

    /**
     * Stores {@code replies} for {@code chatId} on {@code tx}, leased for {@code lease}, and returns every stored
     * reply of the chat in order: the older ones a crash or an outage left unsent first, then these.
     */
    List<Row> store(DSLContext tx, long chatId, List<Reply> replies, Duration lease) {
        if (replies.isEmpty()) {
            return List.of();
        }
        Field<Instant> leaseUntil = DSL.field("now() + make_interval(secs => {0})", Instant.class,
                DSL.val(lease.toMillis() / 1000.0));
        InsertValuesStep5<ReplyRecord, Long, String, String, ReplyKind, Instant> insert =
                tx.insertInto(REPLY, REPLY.CHAT_ID, REPLY.METHOD, REPLY.BODY, REPLY.KIND, REPLY.LEASE_UNTIL);
        for (Reply r : replies) {
            insert = insert.values(DSL.val(chatId), DSL.val(r.method().getMethod()), DSL.val(body(r.method())),
                    DSL.val(r.kind()), leaseUntil);
        }
        List<Row> fresh = insert.returning().fetch(r -> row(r, true));
        long first = fresh.stream().mapToLong(Row::id).min().orElseThrow();
        // Rare: only after a crash or an outage left some of this chat's replies unsent.
        List<Row> all = new ArrayList<>(tx.selectFrom(REPLY)
                .where(REPLY.CHAT_ID.eq(chatId)).and(REPLY.ID.lt(first))
                .orderBy(REPLY.ID).fetch(r -> row(r, false)));
        all.addAll(fresh);
        return all;
    }

    /**
     * Takes over up to {@code limit} replies whose lease has passed (their sender is gone), leasing them for
     * {@code lease}; oldest first.
     */
    List<Row> claimExpired(DSLContext dsl, int limit, Duration lease) {
        var due = dsl.select(REPLY.ID).from(REPLY).where(REPLY.LEASE_UNTIL.lt(DSL.currentInstant()))
                .orderBy(REPLY.ID).limit(limit).forUpdate().skipLocked();
        List<Row> rows = new ArrayList<>(dsl.update(REPLY)
                .set(REPLY.LEASE_UNTIL, DSL.field("now() + make_interval(secs => {0})", Instant.class,
                        DSL.val(lease.toMillis() / 1000.0)))
                .where(REPLY.ID.in(due))
                .returning().fetch(r -> row(r, true)));
        rows.sort(java.util.Comparator.comparingLong(Row::id));
        return rows;
    }

    /**
     * Leases one reply for {@code lease} if it is free (its lease has passed) or held under {@code mine}; returns
     * the new lease, or empty when another sender holds it or it is gone.
     */
    Optional<Instant> lease(DSLContext dsl, long id, Instant mine, Duration lease) {
        var free = REPLY.LEASE_UNTIL.lt(DSL.currentInstant());
        return dsl.update(REPLY)
                .set(REPLY.LEASE_UNTIL, DSL.field("now() + make_interval(secs => {0})", Instant.class,
                        DSL.val(lease.toMillis() / 1000.0)))
                .where(REPLY.ID.eq(id)).and(mine == null ? free : free.or(REPLY.LEASE_UNTIL.eq(mine)))
                .returningResult(REPLY.LEASE_UNTIL)
                .fetchOptional(Record1::value1);
    }

    /** Whether the reply is still stored (not yet sent or given up by anyone). */
    boolean exists(DSLContext dsl, long id) {
        return dsl.fetchExists(REPLY, REPLY.ID.eq(id));
    }

    /** Telegram has the reply, or it is given up: it goes, with whatever its text held. */
    void delete(DSLContext dsl, long id) {
        dsl.deleteFrom(REPLY).where(REPLY.ID.eq(id)).execute();
    }

    /** Every stored reply of the chat goes: replaced by a resumption, or the chat cannot be reached. */
    void deleteChat(DSLContext dsl, long chatId) {
        dsl.deleteFrom(REPLY).where(REPLY.CHAT_ID.eq(chatId)).execute();
    }

    /** Records a transient failure: how many so far, and the last one's code or type (never the text). */
    void failedOnce(DSLContext dsl, long id, int tries, String error) {
        dsl.update(REPLY).set(REPLY.TRIES, tries)
                .set(REPLY.LAST_ERROR, error.length() <= 300 ? error : error.substring(0, 300))
                .where(REPLY.ID.eq(id)).execute();
    }

    /** Hands replies back at a stop, so the next start (or another instance) sends them at once. */
    void release(DSLContext dsl, List<Long> ids) {
        if (!ids.isEmpty()) {
            dsl.update(REPLY).set(REPLY.LEASE_UNTIL, DSL.currentInstant())
                    .where(REPLY.ID.eq(DSL.any(ids.toArray(Long[]::new)))).execute();
        }
    }

    /** The body Telegram gets, checked by the library first: a reply it would refuse fails the update instead. */
    private String body(BotApiMethod<?> method) {
        try {
            method.validate();
            return json.writeValueAsString(method);
        } catch (TelegramApiValidationException | JsonProcessingException e) {
            throw new IllegalStateException("a reply cannot be sent: " + method.getMethod(), e);
        }
    }

    private static Row row(ReplyRecord r, boolean fresh) {
        return new Row(r.getId(), r.getChatId(), r.getMethod(), r.getBody(), r.getKind(), r.getCreatedAt(),
                r.getLeaseUntil(), r.getTries(), fresh);
    }
}

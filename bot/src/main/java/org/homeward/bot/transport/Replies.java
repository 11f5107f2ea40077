package org.homeward.bot.transport;

import static org.homeward.db.jooq.Tables.REPLY;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
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

    private final ObjectMapper json;

    Replies(ObjectMapper json) {
        this.json = json;
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

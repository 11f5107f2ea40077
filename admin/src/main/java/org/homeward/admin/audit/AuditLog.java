package org.homeward.admin.audit;

import static org.homeward.db.jooq.Tables.AUDIT_LOG;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.homeward.admin.web.Exchange;
import org.homeward.admin.web.Tokens;
import org.homeward.db.Database;
import org.homeward.db.jooq.tables.records.AuditLogRecord;
import org.jooq.Condition;
import org.jooq.Cursor;
import org.jooq.DSLContext;
import org.jooq.impl.DSL;

/**
 * The audit trail: who did what, when, from where. Tamper-evident as a hash chain: each entry's hash is SHA-256 of
 * the previous entry's hash followed by this entry's canonical content, so an entry edited or removed in the
 * database breaks the chain from there on, and {@link #firstBrokenLink} finds where. (Removing the newest entries
 * leaves a shorter chain that still checks: keep a copy of the latest hash elsewhere to catch that.)
 */
public final class AuditLog {
    /** The "previous hash" of the first entry. */
    static final byte[] GENESIS = new byte[32];
    // One lock for every writer, so entries are chained in the order they commit (transaction-scoped).
    private static final long CHAIN_LOCK = 0x486f6d6577617264L; // "Homeward"

    /** Who acted: the member (or nobody, for a failed login of an unknown address) and their network address. */
    public record Actor(Long accountId, String email, String address) {
        /** The logged-in member of this request, or nobody. */
        public static Actor of(Exchange exchange) {
            var s = exchange.session();
            return new Actor(s == null ? null : s.accountId(), s == null ? null : s.email(), exchange.address());
        }
    }

    /** One entry as read back. */
    public record Entry(long id, Instant at, String actorEmail, String action, String subject, String detail,
            String address) {}

    private AuditLog() {}

    /**
     * Appends an entry in the caller's transaction, so the entry and the change it records commit together.
     *
     * @param action what happened, e.g. login.success, account.role
     * @param subject what it was about, e.g. account:12, or null
     * @param detail more, e.g. staff → coordinator, or null; never a password or personal data of migrants
     */
    public static void append(DSLContext tx, Instant now, Actor actor, String action, String subject, String detail) {
        tx.execute("select pg_advisory_xact_lock(?)", CHAIN_LOCK);
        byte[] prev = tx.select(AUDIT_LOG.HASH).from(AUDIT_LOG).orderBy(AUDIT_LOG.ID.desc()).limit(1)
                .fetchOptional(AUDIT_LOG.HASH).orElse(GENESIS);
        Instant at = now.truncatedTo(ChronoUnit.MICROS); // what PostgreSQL keeps
        byte[] hash = hash(prev, at, actor.accountId(), actor.email(), action, subject, detail, actor.address());
        tx.insertInto(AUDIT_LOG)
                .set(AUDIT_LOG.AT, at)
                .set(AUDIT_LOG.ACTOR_ID, actor.accountId())
                .set(AUDIT_LOG.ACTOR_EMAIL, actor.email())
                .set(AUDIT_LOG.ACTION, action)
                .set(AUDIT_LOG.SUBJECT, subject)
                .set(AUDIT_LOG.DETAIL, detail)
                .set(AUDIT_LOG.ADDRESS, actor.address())
                .set(AUDIT_LOG.PREV_HASH, prev)
                .set(AUDIT_LOG.HASH, hash)
                .execute();
    }

    /** Appends an entry in a transaction of its own: for events that change nothing else (a failed login). */
    public static void record(Database database, Instant now, Actor actor, String action, String subject,
            String detail) {
        database.dsl().transaction(c -> append(c.dsl(), now, actor, action, subject, detail));
    }

    /**
     * Entries, newest first, filtered by action (exact) and by actor (part of the email), before entry id
     * {@code beforeId} (0: from the newest), at most {@code limit}.
     */
    public static List<Entry> list(DSLContext dsl, String action, String actor, long beforeId, int limit) {
        Condition where = DSL.trueCondition();
        if (!action.isEmpty()) {
            where = where.and(AUDIT_LOG.ACTION.eq(action));
        }
        if (!actor.isEmpty()) {
            where = where.and(AUDIT_LOG.ACTOR_EMAIL.containsIgnoreCase(actor));
        }
        if (beforeId > 0) {
            where = where.and(AUDIT_LOG.ID.lt(beforeId));
        }
        return dsl.selectFrom(AUDIT_LOG).where(where).orderBy(AUDIT_LOG.ID.desc()).limit(limit)
                .fetch(r -> new Entry(r.getId(), r.getAt(), r.getActorEmail(), r.getAction(), r.getSubject(),
                        r.getDetail(), r.getAddress()));
    }

    /** The actions that occur in the trail, for the filter. */
    public static List<String> actions(DSLContext dsl) {
        return dsl.selectDistinct(AUDIT_LOG.ACTION).from(AUDIT_LOG).orderBy(AUDIT_LOG.ACTION).fetch(AUDIT_LOG.ACTION);
    }

    /** Walks the chain from the first entry; the id of the first entry whose link does not hold, or empty. */
    public static Optional<Long> firstBrokenLink(DSLContext dsl) {
        byte[] expectedPrev = GENESIS;
        try (Cursor<AuditLogRecord> rows = dsl.selectFrom(AUDIT_LOG).orderBy(AUDIT_LOG.ID).fetchSize(500).fetchLazy()) {
            for (AuditLogRecord r : rows) {
                byte[] computed = hash(r.getPrevHash(), r.getAt(), r.getActorId(), r.getActorEmail(), r.getAction(),
                        r.getSubject(), r.getDetail(), r.getAddress());
                if (!Arrays.equals(r.getPrevHash(), expectedPrev) || !Arrays.equals(r.getHash(), computed)) {
                    return Optional.of(r.getId());
                }
                expectedPrev = r.getHash();
            }
        }
        return Optional.empty();
    }

    /** How many entries there are. */
    public static int count(DSLContext dsl) {
        return dsl.fetchCount(AUDIT_LOG);
    }

    /**
     * SHA-256 of the previous hash and the entry's canonical content: each field as its length, a colon and its
     * UTF-8 text (or "-" for none), one per line, so no two different entries read alike.
     */
    static byte[] hash(byte[] prev, Instant at, Long actorId, String actorEmail, String action, String subject,
            String detail, String address) {
        ByteArrayOutputStream content = new ByteArrayOutputStream();
        content.writeBytes(prev);
        content.writeBytes("homeward-audit-v1\n".getBytes(StandardCharsets.UTF_8));
        for (String field : new String[] {at.toString(), actorId == null ? null : actorId.toString(), actorEmail,
                action, subject, detail, address}) {
            if (field == null) {
                content.writeBytes("-\n".getBytes(StandardCharsets.UTF_8));
            } else {
                byte[] utf8 = field.getBytes(StandardCharsets.UTF_8);
                content.writeBytes((utf8.length + ":").getBytes(StandardCharsets.UTF_8));
                content.writeBytes(utf8);
                content.writeBytes("\n".getBytes(StandardCharsets.UTF_8));
            }
        }
        return Tokens.sha256(content.toByteArray());
    }
}

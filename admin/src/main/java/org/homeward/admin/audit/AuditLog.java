package org.homeward.admin.audit;

import static org.homeward.db.jooq.Tables.AUDIT_LOG;

import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.homeward.admin.web.Exchange;
import org.homeward.core.audit.AuditChain;
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
    static final byte[] GENESIS = AuditChain.GENESIS;

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
        // The chain itself is the core's, so that Homeward's own jobs append to the same chain.
        AuditChain.append(tx, now, actor.accountId(), actor.email(), actor.address(), action, subject, detail);
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

    /** The entry's hash (see {@link AuditChain#hash}). */
    static byte[] hash(byte[] prev, Instant at, Long actorId, String actorEmail, String action, String subject,
            String detail, String address) {
        return AuditChain.hash(prev, at, actorId, actorEmail, action, subject, detail, address);
    }
}

package org.homeward.core.audit;

import static org.homeward.db.jooq.Tables.AUDIT_LOG;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import org.jooq.DSLContext;

/**
 * The audit trail's hash chain, in the core so that work done outside a staff request (the retention job) is
 * audited in the same chain as the admin app's entries: each entry's hash is SHA-256 of the previous entry's hash
 * followed by this entry's canonical content. The admin app's {@code AuditLog} appends and checks through here.
 */
public final class AuditChain {
    /** The "previous hash" of the first entry. */
    public static final byte[] GENESIS = new byte[32];
    /** The actor name of entries written by Homeward itself (a scheduled job), with no account. */
    public static final String SYSTEM = "system";
    // One lock for every writer, so entries are chained in the order they commit (transaction-scoped).
    private static final long CHAIN_LOCK = 0x486f6d6577617264L; // "Homeward"

    private AuditChain() {}

    /**
     * Appends an entry in the caller's transaction, so the entry and the change it records commit together; the
     * details must hold no personal data of migrants.
     */
    public static void append(DSLContext tx, Instant now, Long actorId, String actorEmail, String address,
            String action, String subject, String detail) {
        tx.execute("select pg_advisory_xact_lock(?)", CHAIN_LOCK);
        byte[] prev = tx.select(AUDIT_LOG.HASH).from(AUDIT_LOG).orderBy(AUDIT_LOG.ID.desc()).limit(1)
                .fetchOptional(AUDIT_LOG.HASH).orElse(GENESIS);
        Instant at = now.truncatedTo(ChronoUnit.MICROS); // what PostgreSQL keeps
        byte[] hash = hash(prev, at, actorId, actorEmail, action, subject, detail, address);
        tx.insertInto(AUDIT_LOG)
                .set(AUDIT_LOG.AT, at)
                .set(AUDIT_LOG.ACTOR_ID, actorId)
                .set(AUDIT_LOG.ACTOR_EMAIL, actorEmail)
                .set(AUDIT_LOG.ACTION, action)
                .set(AUDIT_LOG.SUBJECT, subject)
                .set(AUDIT_LOG.DETAIL, detail)
                .set(AUDIT_LOG.ADDRESS, address)
                .set(AUDIT_LOG.PREV_HASH, prev)
                .set(AUDIT_LOG.HASH, hash)
                .execute();
    }

    /** Appends an entry by Homeward itself (actor "system", no account, no address). */
    public static void appendBySystem(DSLContext tx, Instant now, String action, String subject, String detail) {
        append(tx, now, null, SYSTEM, null, action, subject, detail);
    }

    /**
     * SHA-256 of the previous hash and the entry's canonical content: each field as its length, a colon and its
     * UTF-8 text (or "-" for none), one per line, so no two different entries read alike.
     */
    public static byte[] hash(byte[] prev, Instant at, Long actorId, String actorEmail, String action, String subject,
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
        try {
            return MessageDigest.getInstance("SHA-256").digest(content.toByteArray());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java has SHA-256", e);
        }
    }
}

package org.homeward.core.retention;

import static org.homeward.db.jooq.Tables.OPERATION_SETTINGS;
import static org.homeward.db.jooq.Tables.RETENTION_STATS;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Objects;
import org.homeward.core.audit.AuditChain;
import org.jooq.DSLContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The retention rule: the personal data of a registration is deleted {@code retention_months} calendar months (UTC)
 * after it departed or was cancelled. The registration goes with everything hanging off it (travellers, requirement
 * answers, departure assignment, history and notes, "not a duplicate" marks; the database cascades), and a chat's
 * conversation draft that still edits it is emptied. The chat itself stays (its language and consent, no
 * registration data), as do the chat's other registrations, departures, requirements and messages. Anonymous counts
 * per day and reason are kept in {@code retention_stats}; each run is audited with its counts only.
 *
 * <p>When a registration departed or was cancelled: the newest history event that moved it to its current status;
 * without one (set by plain SQL or an older version), its departure's time for a departed one, else its last change.
 * Deleted in batches, each in its own short transaction; a run interrupted half way is simply run again.
 */
public final class Retention {
    /** Registrations deleted per transaction, so a large first run never holds its locks for long. */
    static final int BATCH = 500;
    private static final Logger LOG = LoggerFactory.getLogger(Retention.class);

    // A registration whose current staff status is departed or cancelled, and when it got there, due when before
    // the cutoff. SKIP LOCKED: a registration a member is changing right now waits for the next run.
    private static final String DUE = """
            select r.id, r.staff_status::text as reason,
                   (select count(*) from traveller t where t.registration_id = r.id) as travellers
            from registration r
            left join departure_assignment a on a.registration_id = r.id
            left join departure d on d.id = a.departure_id
            where r.staff_status in ('departed', 'cancelled')
              and coalesce(
                    (select max(e.at) from registration_event e
                     where e.registration_id = r.id and e.kind = 'status'
                       and (e.detail = r.staff_status::text or e.detail like r.staff_status::text || ':%')),
                    case when r.staff_status = 'departed' then d.departs_at end,
                    r.updated_at) < ?::timestamptz
            order by r.id
            limit ?
            for update of r skip locked
            """;

    /** What one run deleted, by reason. */
    public record Run(int departedRegistrations, int departedTravellers, int cancelledRegistrations,
            int cancelledTravellers, int failedUpdatesCleared) {
        /** Registrations deleted for either reason. */
        public int registrations() {
            return departedRegistrations + cancelledRegistrations;
        }

        Run plus(Run o) {
            return new Run(departedRegistrations + o.departedRegistrations, departedTravellers + o.departedTravellers,
                    cancelledRegistrations + o.cancelledRegistrations, cancelledTravellers + o.cancelledTravellers,
                    failedUpdatesCleared + o.failedUpdatesCleared);
        }
    }

    /** One day's anonymous counts, for the settings page. */
    public record DayCount(LocalDate day, String reason, int registrations, int travellers) {}

    private final DSLContext dsl;
    private final Clock clock;
    private final int batch;

    /** Runs on {@code dsl} (each batch its own transaction), with the time from {@code clock}. */
    public Retention(DSLContext dsl, Clock clock) {
        this(dsl, clock, BATCH);
    }

    Retention(DSLContext dsl, Clock clock, int batch) {
        this.dsl = Objects.requireNonNull(dsl);
        this.clock = Objects.requireNonNull(clock);
        this.batch = batch;
    }

    /** The job's body: deletes what is due now and audits the run. Safe to run again at any time. */
    public Run run() {
        Instant now = clock.instant();
        LocalDate today = LocalDate.ofInstant(now, ZoneOffset.UTC);
        int months = dsl.fetchValue(OPERATION_SETTINGS.RETENTION_MONTHS);
        Instant cutoff = cutoff(now, months);
        Run total = new Run(0, 0, 0, 0, 0);
        while (true) {
            Run done = dsl.transactionResult(c -> deleteBatch(c.dsl(), cutoff, today));
            total = total.plus(done);
            if (done.registrations() < batch) {
                break;
            }
        }
        Run counted = total;
        Run all = dsl.transactionResult(c -> {
            // A failed update's payload is kept for staff to look into (V2); past the retention period it goes too.
            int cleared = c.dsl().execute("update inbox set payload = null where status = 'failed' and payload is not null"
                    + " and received_at < ?::timestamptz", cutoff);
            Run run = counted.plus(new Run(0, 0, 0, 0, cleared));
            AuditChain.appendBySystem(c.dsl(), now, "retention.run", null, detail(run, months, cutoff));
            return run;
        });
        LOG.info("retention: {} registrations deleted ({} departed, {} cancelled), {} travellers, {} failed updates cleared",
                all.registrations(), all.departedRegistrations(), all.cancelledRegistrations(),
                all.departedTravellers() + all.cancelledTravellers(), all.failedUpdatesCleared());
        return all;
    }

    /** The moment before which a departure or cancellation is due: {@code months} calendar months before, in UTC. */
    static Instant cutoff(Instant now, int months) {
        return now.atZone(ZoneOffset.UTC).minusMonths(months).toInstant();
    }

    private Run deleteBatch(DSLContext tx, Instant cutoff, LocalDate today) {
        List<Due> due = tx.resultQuery(DUE, cutoff, batch)
                .fetch(r -> new Due(r.get(0, Long.class), r.get(1, String.class), r.get(2, Integer.class)));
        if (due.isEmpty()) {
            return new Run(0, 0, 0, 0, 0);
        }
        Long[] ids = due.stream().map(Due::id).toArray(Long[]::new);
        // A conversation still editing one of them (from "My data") holds a copy of its answers: back to the menu,
        // answers emptied. The state's name is the bot's (its State enum); MENU is where an unreadable draft goes too.
        tx.execute("update conversation set state = 'MENU', draft = '{}'::jsonb"
                + " where (draft ->> 'registrationId')::bigint = any(?)", (Object) ids);
        tx.execute("delete from registration where id = any(?)", (Object) ids);
        int departed = 0, departedTravellers = 0, cancelled = 0, cancelledTravellers = 0;
        for (var r : due) {
            if (r.reason().equals("departed")) {
                departed++;
                departedTravellers += r.travellers();
            } else {
                cancelled++;
                cancelledTravellers += r.travellers();
            }
        }
        count(tx, today, "departed", departed, departedTravellers);
        count(tx, today, "cancelled", cancelled, cancelledTravellers);
        return new Run(departed, departedTravellers, cancelled, cancelledTravellers, 0);
    }

    private record Due(long id, String reason, int travellers) {}

    private static void count(DSLContext tx, LocalDate day, String reason, int registrations, int travellers) {
        if (registrations == 0) {
            return;
        }
        tx.insertInto(RETENTION_STATS)
                .set(RETENTION_STATS.DAY, day).set(RETENTION_STATS.REASON, reason)
                .set(RETENTION_STATS.REGISTRATIONS, registrations).set(RETENTION_STATS.TRAVELLERS, travellers)
                .onConflict(RETENTION_STATS.DAY, RETENTION_STATS.REASON).doUpdate()
                .set(RETENTION_STATS.REGISTRATIONS, RETENTION_STATS.REGISTRATIONS.plus(registrations))
                .set(RETENTION_STATS.TRAVELLERS, RETENTION_STATS.TRAVELLERS.plus(travellers))
                .execute();
    }

    /** The audit entry's detail: counts and the rule applied, never a name, code or chat. */
    static String detail(Run run, int months, Instant cutoff) {
        return "departed: " + run.departedRegistrations() + " registrations, " + run.departedTravellers()
                + " travellers; cancelled: " + run.cancelledRegistrations() + " registrations, "
                + run.cancelledTravellers() + " travellers; failed updates cleared: " + run.failedUpdatesCleared()
                + "; retention " + months + " months, ended before " + cutoff;
    }

    /** The anonymous counts, at most {@code limit} rows (one per day and reason), newest day first. */
    public static List<DayCount> counts(DSLContext dsl, int limit) {
        return dsl.selectFrom(RETENTION_STATS)
                .orderBy(RETENTION_STATS.DAY.desc(), RETENTION_STATS.REASON)
                .limit(limit)
                .fetch(r -> new DayCount(r.getDay(), r.getReason(), r.getRegistrations(), r.getTravellers()));
    }
}

package org.homeward.core.registrations;

import static org.homeward.db.jooq.Tables.REGISTRATION;
import static org.homeward.db.jooq.Tables.TELEGRAM_USER;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.homeward.db.enums.RegistrationStatus;
import org.homeward.db.enums.StaffStatus;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.impl.DSL;

/**
 * The dashboard's figures: registrations per day, counts by place, destination, status, need and language, who
 * has waited longest and who needs attention now. Counts are of live registrations (not cancelled, not departed)
 * unless said otherwise. Works on the caller's transaction.
 */
public final class RegistrationStats {
    /** The needs that call for attention at once. */
    public static final List<String> URGENT = List.of("unaccompanied_child", "pregnancy", "illness", "no_shelter");

    private final DSLContext tx;

    /** Figures read in {@code tx}. */
    public RegistrationStats(DSLContext tx) {
        this.tx = tx;
    }

    private static Condition waiting() {
        return REGISTRATION.STATUS.ne(RegistrationStatus.DRAFT)
                .and(REGISTRATION.STAFF_STATUS.notIn(StaffStatus.CANCELLED, StaffStatus.DEPARTED));
    }

    /** Registrations made each day (UTC) from {@code from} to {@code to}, every day present (0 when none). */
    public Map<LocalDate, Integer> perDay(LocalDate from, LocalDate to) {
        Field<LocalDate> day = DSL.field("(({0} at time zone 'UTC')::date)", LocalDate.class, REGISTRATION.CREATED_AT);
        Map<LocalDate, Integer> counts = new LinkedHashMap<>();
        for (LocalDate d = from; !d.isAfter(to); d = d.plusDays(1)) {
            counts.put(d, 0);
        }
        tx.select(day, DSL.count()).from(REGISTRATION)
                .where(REGISTRATION.STATUS.ne(RegistrationStatus.DRAFT),
                        REGISTRATION.CREATED_AT.ge(from.atStartOfDay(ZoneOffset.UTC).toInstant()),
                        REGISTRATION.CREATED_AT.lt(to.plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant()))
                .groupBy(day)
                .forEach(r -> counts.put(r.value1(), r.value2()));
        return counts;
    }

    /** Live registrations per place id (0: a place the person typed). */
    public Map<Integer, Integer> byPlace() {
        Field<Integer> place = DSL.coalesce(REGISTRATION.LOCATION_ID, DSL.inline(0));
        return counts(tx.select(place, DSL.count()).from(REGISTRATION).where(waiting()).groupBy(place)
                .orderBy(DSL.count().desc()).fetchMap(place, DSL.count()));
    }

    /** Live registrations per destination id. */
    public Map<Integer, Integer> byDestination() {
        return counts(tx.select(REGISTRATION.DESTINATION_ID, DSL.count()).from(REGISTRATION)
                .where(waiting(), REGISTRATION.DESTINATION_ID.isNotNull()).groupBy(REGISTRATION.DESTINATION_ID)
                .orderBy(DSL.count().desc()).fetchMap(REGISTRATION.DESTINATION_ID, DSL.count()));
    }

    /** Every registration (cancelled and departed too) per staff status, in the lifecycle's order. */
    public Map<StaffStatus, Integer> byStatus() {
        Map<StaffStatus, Integer> found = tx.select(REGISTRATION.STAFF_STATUS, DSL.count()).from(REGISTRATION)
                .where(REGISTRATION.STATUS.ne(RegistrationStatus.DRAFT)).groupBy(REGISTRATION.STAFF_STATUS)
                .fetchMap(REGISTRATION.STAFF_STATUS, DSL.count());
        Map<StaffStatus, Integer> all = new LinkedHashMap<>();
        for (StaffStatus s : StaffStatus.values()) {
            all.put(s, found.getOrDefault(s, 0));
        }
        return all;
    }

    /** Live registrations declaring each need, in {@link RegistrationForm#NEEDS}' order. */
    public Map<String, Integer> byNeed() {
        Field<String> need = DSL.field("unnest({0})", String.class, REGISTRATION.NEEDS).as("need");
        Map<String, Integer> found = tx.select(need, DSL.count()).from(REGISTRATION).where(waiting())
                .groupBy(DSL.field(DSL.name("need"))).fetchMap(r -> r.value1(), r -> r.value2());
        Map<String, Integer> all = new LinkedHashMap<>();
        for (String n : RegistrationForm.NEEDS) {
            all.put(n, found.getOrDefault(n, 0));
        }
        return all;
    }

    /** Live registrations per the person's chat language (tg, ru, uz). */
    public Map<String, Integer> byLanguage() {
        Field<String> language = DSL.coalesce(TELEGRAM_USER.LANGUAGE, DSL.inline("-"));
        return counts(tx.select(language, DSL.count()).from(REGISTRATION).join(TELEGRAM_USER)
                .on(TELEGRAM_USER.CHAT_ID.eq(REGISTRATION.CHAT_ID)).where(waiting()).groupBy(language)
                .orderBy(DSL.count().desc()).fetchMap(language, DSL.count()));
    }

    /** The live registrations not yet assigned to a departure that have waited longest, oldest first. */
    public List<RegistrationSearch.Row> waitingLongest(int limit) {
        return oldest(REGISTRATION.STAFF_STATUS.in(StaffStatus.REGISTERED, StaffStatus.VERIFIED), limit);
    }

    /** Live registrations with an urgent need ({@link #URGENT}), oldest first. */
    public List<RegistrationSearch.Row> needingAttention(int limit) {
        return oldest(DSL.condition("{0} && {1}", REGISTRATION.NEEDS, DSL.val(URGENT.toArray(String[]::new), REGISTRATION.NEEDS))
                .and(REGISTRATION.STAFF_STATUS.in(StaffStatus.REGISTERED, StaffStatus.VERIFIED, StaffStatus.ASSIGNED)),
                limit);
    }

    private List<RegistrationSearch.Row> oldest(Condition which, int limit) {
        return RegistrationSearch.rows(tx, REGISTRATION.STATUS.ne(RegistrationStatus.DRAFT).and(which),
                List.of(REGISTRATION.CREATED_AT.asc(), REGISTRATION.ID.asc()), limit);
    }

    /** The newest registration's time, for "as of". */
    public Instant newest() {
        return tx.select(DSL.max(REGISTRATION.CREATED_AT)).from(REGISTRATION).fetchOne(0, Instant.class);
    }

    private static <K> Map<K, Integer> counts(Map<K, Integer> map) {
        return new LinkedHashMap<>(map);
    }
}

package org.homeward.core.registrations;

import static org.homeward.db.jooq.Tables.DEPARTURE_ASSIGNMENT;
import static org.homeward.db.jooq.Tables.REGISTRATION;
import static org.homeward.db.jooq.Tables.TELEGRAM_USER;
import static org.homeward.db.jooq.Tables.TRAVELLER;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.homeward.db.enums.RegistrationStatus;
import org.homeward.db.enums.StaffStatus;
import org.homeward.db.jooq.tables.Traveller;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.OrderField;
import org.jooq.Record1;
import org.jooq.Select;
import org.jooq.impl.DSL;

/**
 * The registrations list: search by name (Cyrillic or Latin, any traveller on it), phone, document number or
 * registration code, filters, newest first, paged by keyset (the last id shown), so a page costs the same at
 * 100,000 registrations as at 100. Works on the caller's transaction.
 */
public final class RegistrationSearch {
    /** Departure filter meaning "on no departure". */
    public static final long NO_DEPARTURE = -1;

    /**
     * What to look for; null or blank parts do not filter.
     *
     * @param text a name (any script, any word order), a phone or part of one, a document number or a code
     * @param from registered on or after this day (UTC)
     * @param to registered on or before this day (UTC)
     * @param departureId on this departure, or {@link #NO_DEPARTURE}
     */
    public record Filter(String text, Integer locationId, Integer destinationId, StaffStatus status, String need,
                         String language, LocalDate from, LocalDate to, Long departureId) {
        /** No filter at all. */
        public static Filter none() {
            return new Filter(null, null, null, null, null, null, null, null, null);
        }
    }

    /**
     * One registration in the list: the applicant, how many travel, where from and to. The document number is
     * already masked.
     */
    public record Row(long id, String code, StaffStatus status, String applicant, LocalDate birthDate,
                      String documentMasked, String phone, Integer locationId, String locationOther,
                      Integer destinationId, List<String> needs, String language, int people, Instant createdAt) {}

    private final DSLContext tx;

    /** Searches in {@code tx}. */
    public RegistrationSearch(DSLContext tx) {
        this.tx = tx;
    }

    /** Up to {@code limit} registrations matching {@code filter}, newest first, older than {@code afterId} (0: from the newest). */
    public List<Row> page(Filter filter, long afterId, int limit) {
        return rows(tx, conditions(filter).and(afterId > 0 ? REGISTRATION.ID.lt(afterId) : DSL.noCondition()),
                List.of(REGISTRATION.ID.desc()), limit);
    }

    /** How many registrations match {@code filter}. */
    public int count(Filter filter) {
        return tx.selectCount().from(REGISTRATION).where(conditions(filter)).fetchSingle().value1();
    }

    /** List rows of the registrations matching {@code where}, in {@code order}. */
    static List<Row> rows(DSLContext tx, Condition where, List<? extends OrderField<?>> order, int limit) {
        Traveller a = TRAVELLER.as("a");
        Field<Integer> people = DSL.field(DSL.selectCount().from(TRAVELLER).where(TRAVELLER.REGISTRATION_ID.eq(REGISTRATION.ID)));
        return tx.select(REGISTRATION.ID, REGISTRATION.CODE, REGISTRATION.STAFF_STATUS, a.FULL_NAME, a.BIRTH_DATE,
                        a.DOCUMENT_NUMBER, REGISTRATION.PHONE, REGISTRATION.LOCATION_ID, REGISTRATION.LOCATION_OTHER,
                        REGISTRATION.DESTINATION_ID, REGISTRATION.NEEDS, TELEGRAM_USER.LANGUAGE, people,
                        REGISTRATION.CREATED_AT)
                .from(REGISTRATION)
                .join(TELEGRAM_USER).on(TELEGRAM_USER.CHAT_ID.eq(REGISTRATION.CHAT_ID))
                .join(a).on(a.REGISTRATION_ID.eq(REGISTRATION.ID), a.POSITION.eq(0))
                .where(where)
                .orderBy(order)
                .limit(limit)
                .fetch(r -> new Row(r.value1(), r.value2(), r.value3(), r.value4(), r.value5(),
                        Validation.mask(r.value6()), r.value7(), r.value8(), r.value9(), r.value10(),
                        List.of(r.value11()), r.value12(), r.value13(), r.value14()));
    }

    /** Registrations as staff see them (a draft is the person's still), filtered. */
    static Condition conditions(Filter f) {
        List<Condition> where = new ArrayList<>();
        where.add(REGISTRATION.STATUS.ne(RegistrationStatus.DRAFT));
        if (f.text() != null && !f.text().isBlank()) {
            where.add(REGISTRATION.ID.in(matching(f.text().strip())));
        }
        if (f.locationId() != null) {
            where.add(REGISTRATION.LOCATION_ID.eq(f.locationId()));
        }
        if (f.destinationId() != null) {
            where.add(REGISTRATION.DESTINATION_ID.eq(f.destinationId()));
        }
        if (f.status() != null) {
            where.add(REGISTRATION.STAFF_STATUS.eq(f.status()));
        }
        if (f.need() != null && !f.need().isBlank()) {
            where.add(REGISTRATION.NEEDS.contains(new String[] {f.need()}));
        }
        if (f.language() != null && !f.language().isBlank()) {
            where.add(REGISTRATION.CHAT_ID.in(DSL.select(TELEGRAM_USER.CHAT_ID).from(TELEGRAM_USER)
                    .where(TELEGRAM_USER.LANGUAGE.eq(f.language()))));
        }
        if (f.from() != null) {
            where.add(REGISTRATION.CREATED_AT.ge(f.from().atStartOfDay(ZoneOffset.UTC).toInstant()));
        }
        if (f.to() != null) {
            where.add(REGISTRATION.CREATED_AT.lt(f.to().plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant()));
        }
        if (f.departureId() != null) {
            var assigned = DSL.select(DEPARTURE_ASSIGNMENT.REGISTRATION_ID).from(DEPARTURE_ASSIGNMENT);
            where.add(f.departureId() == NO_DEPARTURE ? REGISTRATION.ID.notIn(assigned)
                    : REGISTRATION.ID.in(assigned.where(DEPARTURE_ASSIGNMENT.DEPARTURE_ID.eq(f.departureId()))));
        }
        return DSL.and(where);
    }

    /**
     * The ids of registrations the typed text may mean, each reading that fits: a code, a document number (with a
     * digit), a phone (digits), a name (every word found in the folded name of someone on it).
     */
    static Select<Record1<Long>> matching(String text) {
        List<Select<Record1<Long>>> parts = new ArrayList<>();
        String compact = text.toUpperCase(Locale.ROOT).replaceAll("[\\s-]", "");
        if (compact.matches("[A-Z0-9]{6}")) {
            parts.add(DSL.select(REGISTRATION.ID).from(REGISTRATION)
                    .where(REGISTRATION.CODE.eq(compact.substring(0, 3) + "-" + compact.substring(3))));
        }
        Validation.documentNumber(text).accepted().filter(d -> d.chars().anyMatch(Character::isDigit))
                .ifPresent(d -> parts.add(DSL.select(TRAVELLER.REGISTRATION_ID).from(TRAVELLER)
                        .where(TRAVELLER.DOCUMENT_NUMBER.eq(d))));
        if (text.matches("\\+?[0-9\\s()\\-.]+")) {
            String digits = text.replaceAll("[^0-9]", "");
            if (digits.length() >= 4) {
                parts.add(DSL.select(REGISTRATION.ID).from(REGISTRATION).where(REGISTRATION.PHONE.like("%" + digits + "%")));
            }
        }
        List<String> words = text.codePoints().anyMatch(Character::isLetter) ? NameKeys.words(text) : List.of();
        if (!words.isEmpty()) {
            List<Condition> all = words.stream().<Condition>map(w -> TRAVELLER.NAME_KEY.like("%" + w + "%")).toList();
            parts.add(DSL.select(TRAVELLER.REGISTRATION_ID).from(TRAVELLER).where(DSL.and(all)));
        }
        if (parts.isEmpty()) {
            return DSL.select(REGISTRATION.ID).from(REGISTRATION).where(DSL.falseCondition());
        }
        Select<Record1<Long>> union = parts.getFirst();
        for (int i = 1; i < parts.size(); i++) {
            union = union.union(parts.get(i));
        }
        return union;
    }
}

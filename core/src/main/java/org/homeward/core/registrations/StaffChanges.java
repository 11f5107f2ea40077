package org.homeward.core.registrations;

import static org.homeward.db.jooq.Tables.REGISTRATION;
import static org.homeward.db.jooq.Tables.REGISTRATION_NOT_DUPLICATE;
import static org.homeward.db.jooq.Tables.TRAVELLER;

import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.homeward.db.enums.RegistrationStatus;
import org.homeward.db.enums.StaffStatus;
import org.homeward.db.jooq.tables.records.RegistrationRecord;
import org.homeward.db.jooq.tables.records.TravellerRecord;
import org.jooq.DSLContext;
import org.jooq.exception.DataAccessException;

/**
 * What staff do to registrations: correct them (checked against the same rules and duplicates as the bot's),
 * move them through the staff lifecycle, write internal notes, merge duplicates and mark pairs as different people.
 * A change is made only to the version the member saw (optimistic locking); each is written to the registration's
 * history. Works on the caller's transaction (the admin app adds its audit entry to it).
 */
public final class StaffChanges {
    /** Where a registration may go from each status; cancelled is final (a merged or cancelled one stays so). */
    public static final Map<StaffStatus, List<StaffStatus>> NEXT = new EnumMap<>(Map.of(
            StaffStatus.REGISTERED, List.of(StaffStatus.VERIFIED, StaffStatus.CANCELLED),
            StaffStatus.VERIFIED, List.of(StaffStatus.ASSIGNED, StaffStatus.REGISTERED, StaffStatus.CANCELLED),
            StaffStatus.ASSIGNED, List.of(StaffStatus.DEPARTED, StaffStatus.VERIFIED, StaffStatus.CANCELLED),
            StaffStatus.DEPARTED, List.of(StaffStatus.ASSIGNED),
            StaffStatus.CANCELLED, List.of()));

    /** What a change came to. */
    public sealed interface Outcome {
        /** Made; the registration is now at {@code version}. */
        record Done(int version) implements Outcome {}

        /** Refused: someone changed it after the member read it ({@code byEmail} null: the person, in the bot). */
        record Stale(String byEmail, Instant at) implements Outcome {}

        /**
         * Refused: a document ({@code position}'s traveller, field DOCUMENT_NUMBER) or the phone (field PHONE) is
         * on another live registration, {@code otherCode}, or the document is another traveller's on this same
         * registration ({@code otherCode} is then its own).
         */
        record Duplicate(int position, Field field, String otherCode) implements Outcome {}

        /** Refused: an answer the bot requires is missing. */
        record Incomplete(Field field) implements Outcome {}

        /** Refused: not a step the lifecycle allows from where it is (or it is cancelled, so not editable). */
        record NotAllowed() implements Outcome {}

        /** There is no such registration (any more: the person may have deleted their data). */
        record Gone() implements Outcome {}
    }

    private final DSLContext tx;
    private final Registrations registrations;

    /** Changes made in {@code tx}. */
    public StaffChanges(DSLContext tx) {
        this.tx = tx;
        this.registrations = new Registrations(tx, new RegistrationCodes());
    }

    /**
     * Saves staff's corrections of a registration read at {@code version}. Family members keep their document
     * fields as given in the form. The history names the parts changed, never their values.
     */
    public Outcome correct(RegistrationForm form, int version, Staff staff, Instant now) {
        Objects.requireNonNull(form.registrationId(), "a correction names its registration");
        long id = form.registrationId();
        RegistrationRecord r = lock(id);
        if (r == null) {
            return new Outcome.Gone();
        }
        Optional<Outcome> refused = stale(r, version);
        if (refused.isPresent()) {
            return refused.get();
        }
        if (r.getStaffStatus() == StaffStatus.CANCELLED) {
            return new Outcome.NotAllowed();
        }
        Optional<Field> missing = form.firstMissing();
        if (missing.isPresent()) {
            return new Outcome.Incomplete(missing.get());
        }
        Optional<Outcome> duplicate = duplicate(form, r.getCode());
        if (duplicate.isPresent()) {
            return duplicate.get();
        }
        RegistrationForm before = registrations.form(r);
        String changed = String.join(", ", changes(before, form));
        if (changed.isEmpty()) {
            return new Outcome.Done(r.getVersion());
        }
        try {
            // A savepoint: a document taken by another chat this very moment undoes only this attempt.
            tx.transaction(nested -> write(nested.dsl(), r.getId(), form, now));
        } catch (DataAccessException e) {
            Optional<Outcome> clash = duplicate(form, r.getCode());
            if (clash.isPresent()) {
                return clash.get();
            }
            throw new IllegalStateException("correction not saved: " + e.sqlState());
        }
        History.record(tx, id, now, staff, "corrected", changed);
        return new Outcome.Done(version(id));
    }

    /** The parts of a registration that differ between two forms, as stable names (no values). */
    public static List<String> changes(RegistrationForm before, RegistrationForm after) {
        List<String> changed = new ArrayList<>();
        for (Field f : Field.values()) {
            if (!Objects.equals(value(before, f), value(after, f))) {
                changed.add(f.name().toLowerCase(java.util.Locale.ROOT));
            }
        }
        if (!Objects.equals(before.needs(), after.needs())) {
            changed.add("needs");
        }
        if (!before.family().equals(after.family())) {
            changed.add("family");
        }
        return changed;
    }

    private static Object value(RegistrationForm f, Field field) {
        Traveller a = f.applicant();
        return switch (field) {
            case NAME -> a.fullName();
            case BIRTH_DATE -> a.birthDate();
            case SEX -> a.sex();
            case CITIZENSHIP -> a.citizenship();
            case DOCUMENT_TYPE -> a.documentType();
            case DOCUMENT_NUMBER -> a.documentNumber();
            case PHONE -> f.phone();
            case PLACE -> f.locationId() + "/" + f.locationOther();
            case DESTINATION -> f.destinationId();
            case DISTRICT -> f.district();
        };
    }

    private Optional<Outcome> duplicate(RegistrationForm form, String ownCode) {
        List<Traveller> people = form.travellers();
        java.util.Set<String> seen = new java.util.HashSet<>();
        for (int i = 0; i < people.size(); i++) {
            Traveller p = people.get(i);
            if (p.documentNumber() != null) {
                // One document for two travellers of this registration: the unique index would refuse the save.
                if (!seen.add(p.documentType() + "\u0000" + p.documentNumber())) {
                    return Optional.of(new Outcome.Duplicate(i, Field.DOCUMENT_NUMBER, ownCode));
                }
                var other = registrations.byDocument(p.documentType(), p.documentNumber(), form.registrationId());
                if (other.isPresent()) {
                    return Optional.of(new Outcome.Duplicate(i, Field.DOCUMENT_NUMBER, other.get().getCode()));
                }
            }
        }
        return form.phone() == null ? Optional.empty() : registrations.byPhone(form.phone(), form.registrationId())
                .map(o -> new Outcome.Duplicate(0, Field.PHONE, o.getCode()));
    }

    private static void write(DSLContext tx, long id, RegistrationForm f, Instant now) {
        tx.update(REGISTRATION)
                .set(REGISTRATION.PHONE, f.phone())
                .set(REGISTRATION.LOCATION_ID, f.locationId())
                .set(REGISTRATION.LOCATION_OTHER, f.locationOther())
                .set(REGISTRATION.DESTINATION_ID, f.destinationId())
                .set(REGISTRATION.DESTINATION_DISTRICT, f.district())
                .set(REGISTRATION.NEEDS, f.needs().toArray(String[]::new))
                .set(REGISTRATION.UPDATED_AT, now)
                .where(REGISTRATION.ID.eq(id)).execute();
        List<TravellerRecord> stored = tx.selectFrom(TRAVELLER).where(TRAVELLER.REGISTRATION_ID.eq(id))
                .orderBy(TRAVELLER.POSITION).fetch();
        List<Traveller> people = f.travellers();
        for (int i = 0; i < people.size(); i++) {
            Traveller p = people.get(i);
            TravellerRecord t = i < stored.size() ? stored.get(i)
                    : tx.newRecord(TRAVELLER).setRegistrationId(id).setPosition(i).setCreatedAt(now);
            t.setRelation(i == 0 ? "self" : p.relation())
                    .setFullName(p.fullName())
                    .setBirthDate(p.birthDate())
                    .setSex(p.sex())
                    .setCitizenship(p.citizenship())
                    .setDocumentType(p.documentType())
                    .setDocumentNumber(p.documentNumber())
                    .setNameKey(NameKeys.of(p.fullName()));
            if (t.changed()) {
                t.setUpdatedAt(now);
                t.store();
            }
        }
        for (int i = people.size(); i < stored.size(); i++) {
            stored.get(i).delete();
        }
    }

    /** Moves a registration read at {@code version} to {@code to}; cancelling needs a reason and frees its documents. */
    public Outcome move(long id, int version, StaffStatus to, String reason, Staff staff, Instant now) {
        RegistrationRecord r = lock(id);
        if (r == null) {
            return new Outcome.Gone();
        }
        Optional<Outcome> refused = stale(r, version);
        if (refused.isPresent()) {
            return refused.get();
        }
        if (!NEXT.get(r.getStaffStatus()).contains(to) || r.getStatus() == RegistrationStatus.DRAFT) {
            return new Outcome.NotAllowed();
        }
        if (to == StaffStatus.CANCELLED) {
            Registrations.cancel(tx, id, now, staff, Objects.requireNonNull(reason, "a cancel has a reason"), null);
        } else {
            tx.update(REGISTRATION).set(REGISTRATION.STAFF_STATUS, to).set(REGISTRATION.UPDATED_AT, now)
                    .where(REGISTRATION.ID.eq(id)).execute();
            History.record(tx, id, now, staff, "status", to.getLiteral());
        }
        return new Outcome.Done(version(id));
    }

    /** Adds an internal note (at most {@link History#MAX_NOTE} characters); notes do not change the version. */
    public Outcome note(long id, String text, Staff staff, Instant now) {
        if (!tx.fetchExists(REGISTRATION, REGISTRATION.ID.eq(id))) {
            return new Outcome.Gone();
        }
        History.record(tx, id, now, staff, "note", text);
        return new Outcome.Done(0);
    }

    /**
     * Merges a duplicate: {@code drop} is cancelled as "duplicate of" {@code keep}'s code (its documents free,
     * off its departure), {@code keep} stays as it is. Both must be live.
     */
    public Outcome merge(long keep, long drop, Staff staff, Instant now) {
        if (keep == drop) {
            return new Outcome.NotAllowed();
        }
        // Locked in id order, so two members merging the same pair either way round cannot deadlock.
        RegistrationRecord first = lock(Math.min(keep, drop));
        RegistrationRecord second = lock(Math.max(keep, drop));
        if (first == null || second == null) {
            return new Outcome.Gone();
        }
        RegistrationRecord kept = first.getId() == keep ? first : second;
        RegistrationRecord dropped = kept == first ? second : first;
        if (kept.getStaffStatus() == StaffStatus.CANCELLED || dropped.getStaffStatus() == StaffStatus.CANCELLED) {
            return new Outcome.NotAllowed();
        }
        Registrations.cancel(tx, drop, now, staff, "duplicate of " + kept.getCode(), keep);
        History.record(tx, keep, now, staff, "merged", dropped.getCode());
        return new Outcome.Done(kept.getVersion());
    }

    /** Records that two registrations are different people: they are not listed as likely duplicates again. */
    public Outcome different(long a, long b, Staff staff, Instant now) {
        if (a == b) {
            return new Outcome.NotAllowed();
        }
        RegistrationRecord first = lock(Math.min(a, b));
        RegistrationRecord second = lock(Math.max(a, b));
        if (first == null || second == null) {
            return new Outcome.Gone();
        }
        tx.insertInto(REGISTRATION_NOT_DUPLICATE)
                .set(REGISTRATION_NOT_DUPLICATE.REGISTRATION_A, first.getId())
                .set(REGISTRATION_NOT_DUPLICATE.REGISTRATION_B, second.getId())
                .set(REGISTRATION_NOT_DUPLICATE.DECIDED_BY, staff.accountId())
                .set(REGISTRATION_NOT_DUPLICATE.DECIDED_AT, now)
                .onConflictDoNothing().execute();
        History.record(tx, first.getId(), now, staff, "different", second.getCode());
        History.record(tx, second.getId(), now, staff, "different", first.getCode());
        return new Outcome.Done(0);
    }

    private RegistrationRecord lock(long id) {
        return tx.selectFrom(REGISTRATION).where(REGISTRATION.ID.eq(id)).forUpdate().fetchOne();
    }

    private Optional<Outcome> stale(RegistrationRecord r, int version) {
        if (r.getVersion() == version) {
            return Optional.empty();
        }
        Optional<History.Event> last = History.lastChange(tx, r.getId());
        return Optional.of(last.<Outcome>map(e -> new Outcome.Stale(e.staffEmail(), e.at()))
                .orElse(new Outcome.Stale(null, r.getUpdatedAt())));
    }

    private int version(long id) {
        return tx.select(REGISTRATION.VERSION).from(REGISTRATION).where(REGISTRATION.ID.eq(id))
                .fetchSingle(REGISTRATION.VERSION);
    }
}

package org.homeward.core.registrations;

import static org.homeward.db.jooq.Tables.REGISTRATION;
import static org.homeward.db.jooq.Tables.TRAVELLER;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import org.homeward.core.departures.Departures;
import org.homeward.db.enums.RegistrationStatus;
import org.homeward.db.enums.StaffStatus;
import org.homeward.db.jooq.tables.records.RegistrationRecord;
import org.homeward.db.jooq.tables.records.TravellerRecord;
import org.jooq.DSLContext;
import org.jooq.exception.DataAccessException;
import org.jooq.impl.DSL;

/**
 * Registrations and everyone travelling on them: the live one of a chat, duplicate look-ups, confirming a form
 * (new or corrected) and cancelling. Works on the caller's transaction.
 */
public final class Registrations {
    private static final int CODE_ATTEMPTS = 10;

    private final DSLContext tx;
    private final RegistrationCodes codes;

    /** Registrations read and written in {@code tx}, new ones numbered by {@code codes}. */
    public Registrations(DSLContext tx, RegistrationCodes codes) {
        this.tx = tx;
        this.codes = codes;
    }

    /** The chat's registration that is not cancelled, if any. */
    public Optional<RegistrationRecord> live(long chatId) {
        return tx.selectFrom(REGISTRATION)
                .where(REGISTRATION.CHAT_ID.eq(chatId), REGISTRATION.STATUS.ne(RegistrationStatus.CANCELLED))
                .orderBy(REGISTRATION.ID.desc())
                .limit(1)
                .fetchOptional();
    }

    /** A registration by id, whatever its status. */
    public Optional<RegistrationRecord> byId(long id) {
        return tx.selectFrom(REGISTRATION).where(REGISTRATION.ID.eq(id)).fetchOptional();
    }

    /** A live registration holding this document, other than {@code except}. */
    public Optional<RegistrationRecord> byDocument(String type, String number, Long except) {
        return tx.select(REGISTRATION.fields()).from(REGISTRATION).join(TRAVELLER).on(TRAVELLER.REGISTRATION_ID.eq(REGISTRATION.ID))
                .where(TRAVELLER.DOCUMENT_TYPE.eq(type), TRAVELLER.DOCUMENT_NUMBER.eq(number), TRAVELLER.ACTIVE.isTrue(),
                        REGISTRATION.STATUS.ne(RegistrationStatus.CANCELLED), except == null ? DSL.trueCondition() : REGISTRATION.ID.ne(except))
                .limit(1)
                .fetchOptionalInto(REGISTRATION);
    }

    /** A live registration with this phone, other than {@code except}. */
    public Optional<RegistrationRecord> byPhone(String phone, Long except) {
        return tx.selectFrom(REGISTRATION)
                .where(REGISTRATION.PHONE.eq(phone), REGISTRATION.STATUS.ne(RegistrationStatus.CANCELLED),
                        except == null ? DSL.trueCondition() : REGISTRATION.ID.ne(except))
                .limit(1)
                .fetchOptional();
    }

    /** Another live registration with the form's applicant document or phone (the document first), and which. */
    public Optional<Confirmation.Duplicate> duplicateOf(RegistrationForm form) {
        Traveller a = form.applicant();
        Optional<Confirmation.Duplicate> byDocument = a.documentNumber() == null ? Optional.empty()
                : byDocument(a.documentType(), a.documentNumber(), form.registrationId())
                        .map(r -> new Confirmation.Duplicate(r, Field.DOCUMENT_NUMBER));
        return byDocument.or(() -> form.phone() == null ? Optional.empty()
                : byPhone(form.phone(), form.registrationId()).map(r -> new Confirmation.Duplicate(r, Field.PHONE)));
    }

    /**
     * Saves a complete form as a new confirmed registration with a new code, or over the registration it corrects.
     * Checked here, not only while the answers were given: another chat may have registered the same document or
     * phone meanwhile, even at this very moment (then the unique indexes decide).
     */
    public Confirmation confirm(long chatId, RegistrationForm form, Instant now) {
        Optional<Field> missing = form.firstMissing();
        if (missing.isPresent()) {
            return new Confirmation.Incomplete(missing.get());
        }
        Optional<Confirmation.Duplicate> existing = duplicateOf(form);
        if (existing.isPresent()) {
            return existing.get();
        }
        boolean update = form.registrationId() != null;
        for (int attempt = 0; attempt < CODE_ATTEMPTS; attempt++) {
            String candidate = update ? null : codes.next();
            try {
                // A savepoint, so a clash undoes only this attempt, not the caller's whole transaction.
                RegistrationRecord saved = tx.transactionResult(nested -> save(nested.dsl(), chatId, form, candidate, now));
                return new Confirmation.Saved(saved.getId(), saved.getCode(), !update);
            } catch (DataAccessException e) {
                String constraint = constraint(e);
                if (constraint.equals("traveller_document_uq") || constraint.equals("registration_phone_uq")) {
                    // Another chat confirmed the same document or phone at the same moment.
                    Optional<Confirmation.Duplicate> clash = duplicateOf(form);
                    if (clash.isPresent()) {
                        return clash.get();
                    }
                }
                if (update || !constraint.equals("registration_code_key")) {
                    // Not the driver's message: PostgreSQL's detail quotes the values (a document number), and
                    // whoever catches this may log it.
                    throw new IllegalStateException("registration not saved: " + e.sqlState() + " " + constraint);
                }
            }
        }
        throw new IllegalStateException("no free registration code after " + CODE_ATTEMPTS + " attempts");
    }

    private static RegistrationRecord save(DSLContext tx, long chatId, RegistrationForm f, String code, Instant now) {
        RegistrationRecord r;
        if (f.registrationId() != null) {
            r = tx.selectFrom(REGISTRATION).where(REGISTRATION.ID.eq(f.registrationId())).fetchSingle();
            tx.deleteFrom(TRAVELLER).where(TRAVELLER.REGISTRATION_ID.eq(r.getId())).execute();
        } else {
            r = tx.newRecord(REGISTRATION).setChatId(chatId).setCode(code).setStatus(RegistrationStatus.CONFIRMED)
                    .setCreatedAt(now).setConfirmedAt(now);
        }
        r.setPhone(f.phone())
                .setLocationId(f.locationId())
                .setLocationOther(f.locationOther())
                .setDestinationId(f.destinationId())
                .setDestinationDistrict(f.district())
                .setNeeds(f.needs().toArray(String[]::new))
                .setUpdatedAt(now);
        r.store();
        History.record(tx, r.getId(), now, null, f.registrationId() == null ? "registered" : "corrected", null);
        List<Traveller> people = f.travellers();
        for (int i = 0; i < people.size(); i++) {
            Traveller p = people.get(i);
            tx.newRecord(TRAVELLER)
                    .setRegistrationId(r.getId())
                    .setPosition(i)
                    .setRelation(i == 0 ? "self" : p.relation())
                    .setFullName(p.fullName())
                    .setBirthDate(p.birthDate())
                    .setSex(p.sex())
                    .setCitizenship(p.citizenship())
                    .setDocumentType(p.documentType())
                    .setDocumentNumber(p.documentNumber())
                    .setNameKey(NameKeys.of(p.fullName()))
                    .setCreatedAt(now)
                    .setUpdatedAt(now)
                    .store();
        }
        return r;
    }

    /** A stored registration as a form, to be corrected. */
    public RegistrationForm form(RegistrationRecord r) {
        Traveller applicant = null;
        List<Traveller> family = new ArrayList<>();
        for (TravellerRecord t : travellers(r.getId())) {
            Traveller p = new Traveller(t.getFullName(), t.getBirthDate(), t.getSex(), t.getCitizenship(),
                    t.getRelation(), t.getDocumentType(), t.getDocumentNumber());
            if (t.getPosition() == 0) {
                applicant = p;
            } else {
                family.add(p);
            }
        }
        return new RegistrationForm(r.getId(), applicant, r.getPhone(), r.getLocationId(), r.getLocationOther(),
                r.getDestinationId(), r.getDestinationDistrict(), family, new LinkedHashSet<>(List.of(r.getNeeds())));
    }

    /** Everyone on a registration, the applicant first. */
    public List<TravellerRecord> travellers(long registrationId) {
        return tx.selectFrom(TRAVELLER).where(TRAVELLER.REGISTRATION_ID.eq(registrationId)).orderBy(TRAVELLER.POSITION).fetch();
    }

    /**
     * The person cancels their registration: its documents and phone are free again, and it leaves its departure.
     * It is cancelled for staff too (its history says by whom).
     */
    public void cancel(long registrationId, Instant now) {
        cancel(tx, registrationId, now, null, null, null);
    }

    /** Cancels, by the person (staff null) or by staff with a reason; for a merge, the registration kept. */
    static void cancel(DSLContext tx, long registrationId, Instant now, Staff staff, String reason, Long duplicateOf) {
        tx.update(REGISTRATION).set(REGISTRATION.STATUS, RegistrationStatus.CANCELLED)
                .set(REGISTRATION.STAFF_STATUS, StaffStatus.CANCELLED)
                .set(REGISTRATION.CANCEL_REASON, reason)
                .set(REGISTRATION.DUPLICATE_OF, duplicateOf)
                .set(REGISTRATION.UPDATED_AT, now)
                .where(REGISTRATION.ID.eq(registrationId)).execute();
        // V4's trigger marks the travellers inactive, freeing their documents for a later registration.
        new Departures(tx).unassign(registrationId);
        History.record(tx, registrationId, now, staff, "status",
                StaffStatus.CANCELLED.getLiteral() + (reason == null ? "" : ": " + reason));
    }

    /** The name of the constraint a write broke, or "" (never the driver's message, which quotes values). */
    private static String constraint(DataAccessException e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof org.postgresql.util.PSQLException p && p.getServerErrorMessage() != null
                    && p.getServerErrorMessage().getConstraint() != null) {
                return p.getServerErrorMessage().getConstraint();
            }
        }
        return "";
    }
}

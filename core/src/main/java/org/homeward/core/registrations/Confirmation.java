package org.homeward.core.registrations;

import org.homeward.db.jooq.tables.records.RegistrationRecord;

/** What confirming a registration form came to. */
public sealed interface Confirmation {
    /** Saved: a new registration with its new code, or the corrected one with its code unchanged. */
    record Saved(long registrationId, String code, boolean created) implements Confirmation {}

    /**
     * Not saved: the applicant's document or the phone is on another live registration already. Whose it is must
     * not be told to anyone but its owner.
     */
    record Duplicate(RegistrationRecord existing) implements Confirmation {}

    /** Not saved: an answer is missing (e.g. an old summary's button pressed after the form changed). */
    record Incomplete(Field first) implements Confirmation {}
}

package org.homeward.core.registrations;

import org.homeward.db.jooq.tables.records.RegistrationRecord;

/** What confirming a registration form came to. */
public sealed interface Confirmation {
    /** Saved: a new registration with its new code, or the corrected one with its code unchanged. */
    record Saved(long registrationId, String code, boolean created) implements Confirmation {}

    /**
     * Not saved: the applicant's document ({@link Field#DOCUMENT_NUMBER}) or the phone ({@link Field#PHONE}) is on
     * another live registration already. Nothing about that registration may be told to anyone but its owner.
     */
    record Duplicate(RegistrationRecord existing, Field field) implements Confirmation {}

    /** Not saved: an answer is missing (e.g. an old summary's button pressed after the form changed). */
    record Incomplete(Field first) implements Confirmation {}
}

package org.homeward.db.enums;

/** The person's answer to their departure assignment ({@code departure_assignment.answer}); jOOQ maps the column to this type by its literals. */
public enum DepartureAnswer implements StoredAsLowerCase {
    /** They will come. */
    CONFIRMED,
    /** They cannot come. */
    CANNOT_COME
}

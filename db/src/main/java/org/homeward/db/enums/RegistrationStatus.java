package org.homeward.db.enums;

/** Where a registration stands ({@code registration.status}); jOOQ maps the column to this type by its literals. */
public enum RegistrationStatus implements StoredAsLowerCase {
    /** Started, not yet confirmed. */
    DRAFT,
    /** Confirmed by the person; it has a code. */
    CONFIRMED,
    /** Cancelled; its documents and phone are free again. */
    CANCELLED
}

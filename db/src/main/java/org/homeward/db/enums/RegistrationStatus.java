package org.homeward.db.enums;

import org.jooq.EnumType;

/** Where a registration stands ({@code registration.status}); jOOQ maps the column to this type by its literals. */
public enum RegistrationStatus implements EnumType {
    /** Started, not yet confirmed. */
    DRAFT("draft"),
    /** Confirmed by the person; it has a code. */
    CONFIRMED("confirmed"),
    /** Cancelled; its documents and phone are free again. */
    CANCELLED("cancelled");

    private final String literal;

    RegistrationStatus(String literal) {
        this.literal = literal;
    }

    /** The text stored in the column. */
    @Override
    public String getLiteral() {
        return literal;
    }

    /** Null: the column is text with a check constraint, not a PostgreSQL enum type. */
    @Override
    public String getName() {
        return null;
    }
}

package org.homeward.db.enums;

import org.jooq.EnumType;

/** The person's answer to their departure assignment ({@code departure_assignment.answer}); jOOQ maps the column to this type by its literals. */
public enum DepartureAnswer implements EnumType {
    /** They will come. */
    CONFIRMED("confirmed"),
    /** They cannot come. */
    CANNOT_COME("cannot_come");

    private final String literal;

    DepartureAnswer(String literal) {
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

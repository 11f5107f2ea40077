package org.homeward.db.enums;

import org.jooq.EnumType;

/** Where a departure stands ({@code departure.status}); jOOQ maps the column to this type by its literals. */
public enum DepartureStatus implements EnumType {
    /** Announced; people can be assigned to it. */
    PLANNED("planned"),
    /** Passengers are boarding. */
    BOARDING("boarding"),
    /** The bus has left. */
    DEPARTED("departed"),
    /** It will not leave. */
    CANCELLED("cancelled");

    private final String literal;

    DepartureStatus(String literal) {
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

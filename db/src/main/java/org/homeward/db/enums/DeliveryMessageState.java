package org.homeward.db.enums;

import org.jooq.EnumType;

/** What staff asked for a message ({@code delivery_message.state}); jOOQ maps the column to this type by its literals. */
public enum DeliveryMessageState implements EnumType {
    /** Being sent. */
    ACTIVE("active"),
    /** Held until resumed. */
    PAUSED("paused"),
    /** Stopped for good; what was not sent is skipped. */
    CANCELLED("cancelled");

    private final String literal;

    DeliveryMessageState(String literal) {
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

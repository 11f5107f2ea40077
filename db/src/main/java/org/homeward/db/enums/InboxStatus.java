package org.homeward.db.enums;

import org.jooq.EnumType;

/** Where a stored update stands ({@code inbox.status}); jOOQ maps the column to this type by its literals. */
public enum InboxStatus implements EnumType {
    /** Stored, not yet handled. */
    PENDING("pending"),
    /** Handled; its content is erased. */
    DONE("done"),
    /** Handling failed; the content is kept to look at and replay. */
    FAILED("failed");

    private final String literal;

    InboxStatus(String literal) {
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

package org.homeward.db.enums;

import org.jooq.EnumType;

/** Where one recipient of a message stands ({@code delivery.status}); jOOQ maps the column to this type by its literals. */
public enum DeliveryStatus implements EnumType {
    /** Waiting for its turn (or for another try). */
    QUEUED("queued"),
    /** Claimed by a sender until its lease ends. */
    SENDING("sending"),
    /** Telegram accepted it. */
    SENT("sent"),
    /** Given up on: a permanent error, too many tries, or the person unreachable. */
    FAILED("failed"),
    /** Not sent: the message was cancelled or the person was already unreachable. */
    SKIPPED("skipped");

    private final String literal;

    DeliveryStatus(String literal) {
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

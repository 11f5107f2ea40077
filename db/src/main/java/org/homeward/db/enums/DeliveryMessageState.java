package org.homeward.db.enums;

/** What staff asked for a message ({@code delivery_message.state}); jOOQ maps the column to this type by its literals. */
public enum DeliveryMessageState implements StoredAsLowerCase {
    /** Being sent. */
    ACTIVE,
    /** Held until resumed. */
    PAUSED,
    /** Stopped for good; what was not sent is skipped. */
    CANCELLED
}

package org.homeward.db.enums;

/** Where one recipient of a message stands ({@code delivery.status}); jOOQ maps the column to this type by its literals. */
public enum DeliveryStatus implements StoredAsLowerCase {
    /** Waiting for its turn (or for another try). */
    QUEUED,
    /** Claimed by a sender until its lease ends. */
    SENDING,
    /** Telegram accepted it. */
    SENT,
    /** Given up on: a permanent error, too many tries, or the person unreachable. */
    FAILED,
    /** Not sent: the message was cancelled or the person was already unreachable. */
    SKIPPED
}

package org.homeward.db.enums;

/** Where a stored update stands ({@code inbox.status}); jOOQ maps the column to this type by its literals. */
public enum InboxStatus implements StoredAsLowerCase {
    /** Stored, not yet handled. */
    PENDING,
    /** Handled; its content is erased. */
    DONE,
    /** Handling failed; the content is kept to look at and replay. */
    FAILED
}

package org.homeward.db.enums;

/** Where a departure stands ({@code departure.status}); jOOQ maps the column to this type by its literals. */
public enum DepartureStatus implements StoredAsLowerCase {
    /** Announced; people can be assigned to it. */
    PLANNED,
    /** Passengers are boarding. */
    BOARDING,
    /** The bus has left. */
    DEPARTED,
    /** It will not leave. */
    CANCELLED
}

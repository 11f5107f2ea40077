package org.homeward.db.enums;

/**
 * Where staff have got with a registration ({@code registration.staff_status}); jOOQ maps the column to this type
 * by its literals. {@link #CANCELLED} always goes with {@link RegistrationStatus#CANCELLED} (a check and a trigger).
 */
public enum StaffStatus implements StoredAsLowerCase {
    /** Registered by the person; nobody has checked it yet. */
    REGISTERED,
    /** Staff checked the documents and details. */
    VERIFIED,
    /** Given a seat on a departure. */
    ASSIGNED,
    /** Left on their departure. */
    DEPARTED,
    /** Cancelled by the person or by staff (with a reason), or merged into another as a duplicate. */
    CANCELLED
}

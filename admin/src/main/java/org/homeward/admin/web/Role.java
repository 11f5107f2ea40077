package org.homeward.admin.web;

import java.util.Optional;

/** What a member of staff may do; every route names the roles that may use it. */
public enum Role {
    /** Manages staff accounts and reads the audit trail. */
    ADMIN,
    /** Works on registrations (and, later, broadcasts, departures and requirements). */
    STAFF,
    /** Reads registrations (and, later, exports them). */
    COORDINATOR;

    /** The code stored in the database: admin, staff or coordinator. */
    public String code() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }

    /** The role with this stored code. */
    public static Optional<Role> fromCode(String code) {
        for (Role r : values()) {
            if (r.code().equals(code)) {
                return Optional.of(r);
            }
        }
        return Optional.empty();
    }
}

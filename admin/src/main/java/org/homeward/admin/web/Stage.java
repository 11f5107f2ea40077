package org.homeward.admin.web;

/** How far a browser's session has got through logging in. */
public enum Stage {
    /** Not logged in: the session only holds the login form's CSRF token. */
    ANONYMOUS,
    /** The password was right; the TOTP code is still to be checked. */
    SECOND_FACTOR,
    /** The password was right, but an admin must set up a second factor before anything else. */
    ENROL,
    /** Logged in. */
    FULL;

    /** The code stored in the database. */
    String code() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }

    static Stage fromCode(String code) {
        return valueOf(code.toUpperCase(java.util.Locale.ROOT));
    }
}

package org.homeward.core.registrations;

import java.util.Objects;

/**
 * The member of staff making a change, as the history records them (the admin app's account; the core knows
 * nothing else of staff).
 */
public record Staff(long accountId, String email) {
    public Staff {
        Objects.requireNonNull(email);
    }
}

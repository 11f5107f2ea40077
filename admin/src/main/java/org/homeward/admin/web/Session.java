package org.homeward.admin.web;

import java.time.Instant;
import org.homeward.i18n.StaffLanguage;

/**
 * A browser's session as read at the start of a request.
 *
 * @param accountId the member's account, or null before login
 * @param email the member's email, or null before login
 * @param role the member's role, or null before login
 * @param language the member's interface language, or null before login
 * @param stage how far the login got
 * @param csrf the synchronizer token every state-changing request must carry
 * @param hasTotp whether the member has a second factor set up
 * @param createdAt when this session (this id) was made: the absolute timeout counts from here
 */
public record Session(
        byte[] idHash,
        Long accountId,
        String email,
        Role role,
        StaffLanguage language,
        Stage stage,
        String csrf,
        boolean hasTotp,
        Instant createdAt) {}

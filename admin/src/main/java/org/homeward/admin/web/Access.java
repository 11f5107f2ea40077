package org.homeward.admin.web;

import java.util.EnumSet;
import java.util.Objects;
import java.util.Set;

/**
 * Who may use a route: the login stages and, for logged-in members, the roles. Every route declares one; the role
 * matrix test walks them all.
 *
 * @param stages the stages of session allowed (anonymous covers no session at all)
 * @param roles the roles allowed, for stages that have an account
 */
public record Access(Set<Stage> stages, Set<Role> roles) {
    public Access {
        Objects.requireNonNull(stages);
        Objects.requireNonNull(roles);
        stages = Set.copyOf(stages);
        roles = Set.copyOf(roles);
    }

    /** Anyone, logged in or not: the login page, an invitation link. */
    public static Access anyone() {
        return new Access(EnumSet.allOf(Stage.class), EnumSet.allOf(Role.class));
    }

    /** Logged-in members with one of these roles. */
    public static Access roles(Role first, Role... more) {
        return new Access(EnumSet.of(Stage.FULL), EnumSet.of(first, more));
    }

    /** Every logged-in member, whatever the role. */
    public static Access signedIn() {
        return new Access(EnumSet.of(Stage.FULL), EnumSet.allOf(Role.class));
    }

    /** A session whose password was right and whose TOTP code is awaited. */
    public static Access secondFactor() {
        return new Access(EnumSet.of(Stage.SECOND_FACTOR), EnumSet.allOf(Role.class));
    }

    /** Setting up a second factor: logged-in members, and admins who must do it before anything else. */
    public static Access enrolment() {
        return new Access(EnumSet.of(Stage.ENROL, Stage.FULL), EnumSet.allOf(Role.class));
    }

    /** Any session past the password, whatever is still to do: logging out. */
    public static Access pastPassword() {
        return new Access(EnumSet.of(Stage.SECOND_FACTOR, Stage.ENROL, Stage.FULL), EnumSet.allOf(Role.class));
    }

    /** True when a session at {@code stage} with {@code role} (null without an account) may use the route. */
    public boolean allows(Stage stage, Role role) {
        if (!stages.contains(stage)) {
            return false;
        }
        return stage == Stage.ANONYMOUS || roles.contains(role);
    }
}

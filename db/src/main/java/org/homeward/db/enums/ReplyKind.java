package org.homeward.db.enums;

/** What a stored reply is ({@code reply.kind}); decides how hard it is tried and whether it can go stale. */
public enum ReplyKind implements StoredAsLowerCase {
    /** An answer to what the person sent. */
    MESSAGE,
    /** An answer whose buttons belong to the chat's current question: its message id is kept once sent. */
    QUESTION,
    /** A callback answer or a keyboard removal: only tidies, dropped when refused or late. */
    TIDY,
    /** The "sorry for the delay" and current question that replace answers which waited too long. */
    RESUME
}

package org.homeward.db.enums;

/** Why a person cannot be reached, after Telegram answered 403 ({@code telegram_user.unreachable_reason}); jOOQ maps the column to this type by its literals. */
public enum UnreachableReason implements StoredAsLowerCase {
    /** "Forbidden: bot was blocked by the user". */
    BLOCKED,
    /** "Forbidden: user is deactivated" (the account is deleted). */
    DEACTIVATED,
    /** Any other 403, such as "bot can't initiate conversation with a user". */
    FORBIDDEN
}

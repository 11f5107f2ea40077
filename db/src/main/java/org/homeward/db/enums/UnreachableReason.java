package org.homeward.db.enums;

/** Why a person cannot be reached, after Telegram answered 403 ({@code telegram_user.unreachable_reason}); jOOQ maps the column to this type by its literals. */
public enum UnreachableReason implements StoredAsLowerCase {
    /** "Forbidden: bot was blocked by the user". */
    BLOCKED,
    /** "Forbidden: user is deactivated" (the account is deleted). */
    DEACTIVATED,
    /** Any other 403, such as "bot can't initiate conversation with a user". */
    FORBIDDEN;

    /** The reason a 403's description gives (https://core.telegram.org/bots/api#making-requests). */
    public static UnreachableReason ofForbidden(String description) {
        String d = description == null ? "" : description.toLowerCase(java.util.Locale.ROOT);
        return d.contains("bot was blocked") ? BLOCKED : d.contains("user is deactivated") ? DEACTIVATED : FORBIDDEN;
    }
}

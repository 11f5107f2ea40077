package org.homeward.db.enums;

import org.jooq.EnumType;

/** Why a person cannot be reached, after Telegram answered 403 ({@code telegram_user.unreachable_reason}); jOOQ maps the column to this type by its literals. */
public enum UnreachableReason implements EnumType {
    /** "Forbidden: bot was blocked by the user". */
    BLOCKED("blocked"),
    /** "Forbidden: user is deactivated" (the account is deleted). */
    DEACTIVATED("deactivated"),
    /** Any other 403, such as "bot can't initiate conversation with a user". */
    FORBIDDEN("forbidden");

    private final String literal;

    UnreachableReason(String literal) {
        this.literal = literal;
    }

    /** The text stored in the column. */
    @Override
    public String getLiteral() {
        return literal;
    }

    /** Null: the column is text with a check constraint, not a PostgreSQL enum type. */
    @Override
    public String getName() {
        return null;
    }
}

package org.homeward.db.enums;

import java.util.Locale;
import org.jooq.EnumType;

/**
 * An enum stored in a text column as its constant's name in lower case ({@code CANNOT_COME} ↔ "cannot_come"), which
 * is how jOOQ's EnumConverter reads and writes it.
 */
public interface StoredAsLowerCase extends EnumType {
    /** The enum constant's name; every enum has it. */
    String name();

    /** The text stored in the column. */
    @Override
    default String getLiteral() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Null: the column is text with a check constraint, not a PostgreSQL enum type. */
    @Override
    default String getName() {
        return null;
    }
}

package org.homeward.i18n;

/** A key is missing from a catalog: a programming error, caught by the catalog test. */
public final class MissingMessageException extends RuntimeException {
    MissingMessageException(Language language, String key) {
        super("no message '" + key + "' in the " + language.code() + " catalog");
    }
}

package org.homeward.db;

/** The database could not be reached, or refused the login. */
public final class DatabaseUnavailableException extends RuntimeException {
    DatabaseUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}

package org.homeward.app;

/** A configuration value is wrong; the message names the variable and fits on one line. */
public final class ConfigException extends RuntimeException {
    ConfigException(String message) {
        super(message);
    }

    ConfigException(String message, Throwable cause) {
        super(message, cause);
    }
}

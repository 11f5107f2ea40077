package org.homeward.bot.transport;

import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLRecoverableException;
import java.sql.SQLTransientConnectionException;
import java.util.Set;

/** Which failures pass by themselves, so the work is tried again rather than given up. */
final class Faults {
    /**
     * SQLSTATEs of a database that is away or busy, not of a wrong statement
     * (https://www.postgresql.org/docs/current/errcodes-appendix.html): class 08 (connection exception) by prefix,
     * plus shutdowns, "cannot connect now", too many connections, serialization failures and deadlocks.
     */
    private static final Set<String> TRANSIENT_STATES = Set.of("57P01", "57P02", "57P03", "53300", "40001", "40P01");

    private Faults() {}

    /** True when {@code e} says the database is away (or briefly unable), not that the work itself is wrong. */
    static boolean databaseAway(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SQLTransientConnectionException || t instanceof SQLNonTransientConnectionException
                    || t instanceof SQLRecoverableException) {
                return true;
            }
            if (t instanceof SQLException s && s.getSQLState() != null
                    && (s.getSQLState().startsWith("08") || TRANSIENT_STATES.contains(s.getSQLState()))) {
                return true;
            }
            if (t.getCause() == t) {
                break;
            }
        }
        return false;
    }
}

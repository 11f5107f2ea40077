package org.homeward.db;

import java.nio.file.Path;

/** Another running Homeward owns the embedded PostgreSQL's data directory; nothing of it was touched. */
public final class DataDirectoryInUseException extends IllegalStateException {
    private final String owner;

    /** The directory and the owner's process id as it wrote it. */
    public DataDirectoryInUseException(Path directory, String owner) {
        super(directory + " is in use by another running Homeward (pid " + owner + ")");
        this.owner = owner;
    }

    /** The owner's process id, as it wrote it. */
    public String owner() {
        return owner;
    }
}

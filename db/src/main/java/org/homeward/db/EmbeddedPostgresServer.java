package org.homeward.db;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** A PostgreSQL server run by Homeward itself, with its data kept under {@code DATA_DIR} across restarts. */
public final class EmbeddedPostgresServer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedPostgresServer.class);
    private static final String DATABASE = "postgres";
    private static final String USER = "postgres";

    private final EmbeddedPostgres postgres;
    private final FileChannel ownership;

    private EmbeddedPostgresServer(EmbeddedPostgres postgres, FileChannel ownership) {
        this.postgres = postgres;
        this.ownership = ownership;
    }

    /**
     * Starts PostgreSQL with its data in {@code dataDirectory}, creating the cluster on first use.
     *
     * @throws DataDirectoryInUseException when another running Homeward owns the directory: nothing is touched
     */
    public static EmbeddedPostgresServer start(Path dataDirectory) {
        return start(dataDirectory, 0);
    }

    /**
     * As {@link #start(Path)}, listening on {@code port} (0 for any free one): a test that stops the server and starts
     * it again on the same port sees a database outage as an application would.
     */
    public static EmbeddedPostgresServer start(Path dataDirectory, int port) {
        FileChannel ownership = null;
        try {
            Files.createDirectories(dataDirectory);
            ownership = own(dataDirectory);
            stopOrphan(dataDirectory);
            EmbeddedPostgres postgres = EmbeddedPostgres.builder()
                    .setDataDirectory(dataDirectory)
                    .setCleanDataDirectory(false)
                    // Homeward stops the server itself, after everything that uses it (see close()).
                    .setRegisterShutdownHook(false)
                    .setPGStartupWait(Duration.ofSeconds(30))
                    .setPort(port)
                    .setServerConfig("max_connections", "200")
                    // zonky turns durability off for tests (-F, synchronous_commit=off); this is real data.
                    .setServerConfig("fsync", "on")
                    .setServerConfig("synchronous_commit", "on")
                    .start();
            return new EmbeddedPostgresServer(postgres, ownership);
        } catch (IOException e) {
            closeQuietly(ownership);
            throw new UncheckedIOException("could not start embedded PostgreSQL in " + dataDirectory, e);
        } catch (RuntimeException e) {
            closeQuietly(ownership);
            throw e;
        }
    }

    /**
     * Takes the directory for this process: an exclusive lock on a file beside it, held until {@link #close()}.
     * The operating system drops the lock when the process ends, however it ends (kill -9 too), so a lock that
     * cannot be had means a live owner, whose server must not be touched; a postmaster found without one is an
     * orphan to take over. The file names the owner's pid, for the message.
     */
    private static FileChannel own(Path dataDirectory) throws IOException {
        Path lockFile = dataDirectory.resolveSibling(dataDirectory.getFileName() + ".lock");
        FileChannel channel = FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.READ,
                StandardOpenOption.WRITE);
        FileLock lock;
        try {
            lock = channel.tryLock();
        } catch (OverlappingFileLockException sameProcess) {
            lock = null;
        }
        if (lock == null) {
            String owner = new String(Files.readAllBytes(lockFile), StandardCharsets.US_ASCII).strip();
            channel.close();
            throw new DataDirectoryInUseException(dataDirectory, owner.isEmpty() ? "unknown" : owner);
        }
        channel.truncate(0);
        channel.write(ByteBuffer.wrap(Long.toString(ProcessHandle.current().pid()).getBytes(StandardCharsets.US_ASCII)));
        channel.force(true);
        return channel;
    }

    private static void closeQuietly(FileChannel channel) {
        if (channel != null) {
            try {
                channel.close();
            } catch (IOException ignored) {
                // the lock goes with the process anyway
            }
        }
    }

    /**
     * A postmaster left running by a Homeward that was killed (kill -9 cannot run shutdown hooks) still holds
     * the data directory; stop it so this start can take over instead of failing on the lock file.
     */
    private static void stopOrphan(Path dataDirectory) throws IOException {
        Path pidFile = dataDirectory.resolve("postmaster.pid");
        if (!Files.exists(pidFile)) {
            return;
        }
        List<String> lines = Files.readAllLines(pidFile);
        Optional<ProcessHandle> orphan = lines.isEmpty()
                ? Optional.empty()
                : parsePid(lines.getFirst()).flatMap(ProcessHandle::of);
        orphan.filter(p -> p.info().command().map(c -> c.endsWith("postgres")).orElse(false))
                .ifPresent(p -> {
                    LOG.warn("stopping a PostgreSQL server left running by an earlier Homeward (pid {})", p.pid());
                    p.destroy(); // SIGTERM: PostgreSQL's "smart" shutdown
                    p.onExit().orTimeout(30, java.util.concurrent.TimeUnit.SECONDS).join();
                });
    }

    private static Optional<Long> parsePid(String line) {
        try {
            return Optional.of(Long.parseLong(line.trim()));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    /** JDBC URL of the server's database. */
    public String jdbcUrl() {
        return postgres.getJdbcUrl(USER, DATABASE);
    }

    /** The database user. */
    public String user() {
        return USER;
    }

    /** Stops the server; the data stays on disk. */
    @Override
    public void close() {
        try {
            postgres.close();
        } catch (IOException e) {
            throw new UncheckedIOException("could not stop embedded PostgreSQL", e);
        } finally {
            // Only once the server is down may another Homeward take the directory.
            closeQuietly(ownership);
        }
    }
}

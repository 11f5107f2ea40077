package org.homeward.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.homeward.testkit.Await;
import org.homeward.testkit.TestDatabase;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Runs {@link Main} as its own process, as an operator would: exit codes, error lines, SIGTERM. */
@Tag("slow")
class MainProcessTest {

    @Test
    void aWrongHttpPortIsOneLineAndExitCode2(@TempDir Path dir) throws Exception {
        Result result = run(dir, Map.of("HTTP_PORT", "80a"));
        assertThat(result.exitCode).isEqualTo(2);
        assertThat(result.stderrLines()).hasSize(1);
        assertThat(result.stderr).startsWith("homeward: HTTP_PORT");
    }

    @Test
    void aMalformedDatabaseUrlNeverPrintsItsPassword(@TempDir Path dir) throws Exception {
        Result result = run(dir, Map.of("HTTP_PORT", "0",
                "DATABASE_URL", "jdbc:postgresql://127.0.0.1:1/home/ward?password=secret-password"));
        assertThat(result.exitCode).isEqualTo(2);
        assertThat(result.stderr + Files.readString(dir.resolve("stdout.txt"))).doesNotContain("secret-password");
        assertThat(result.stderr).startsWith("homeward: DATABASE_URL");
    }

    @Test
    void anUnreachableDatabaseIsOneLineAndExitCode1(@TempDir Path dir) throws Exception {
        Result result = run(dir, Map.of("HTTP_PORT", "0", "DATABASE_URL", "jdbc:postgresql://127.0.0.1:1/homeward",
                "DATABASE_USER", "homeward", "DATABASE_PASSWORD", "secret-password"));
        assertThat(result.exitCode).isEqualTo(1);
        assertThat(result.stderrLines()).hasSize(1);
        assertThat(result.stderr).startsWith("homeward: DATABASE_URL").doesNotContain("secret-password");
    }

    @Test
    void aSecondHomewardOnTheSameDataDirRefusesAtOnceAndTouchesNothingButAnOrphanIsTakenOver(@TempDir Path dir)
            throws Exception {
        Path data = dir.resolve("data");
        Path firstDir = Files.createDirectories(dir.resolve("first"));
        int firstPort = freePort();
        Process first = start(firstDir, Map.of("HTTP_PORT", String.valueOf(firstPort), "DATA_DIR", data.toString()));
        Process third = null;
        try (HttpClient http = HttpClient.newHttpClient()) {
            assertThat(awaitHealthy(http, firstPort, first)).as("first healthy").isEqualTo(200);
            long postmaster = Long.parseLong(Files.readAllLines(data.resolve("postgres/postmaster.pid")).getFirst().trim());

            Result second = run(Files.createDirectories(dir.resolve("second")),
                    Map.of("HTTP_PORT", String.valueOf(freePort()), "DATA_DIR", data.toString()));
            assertThat(second.exitCode).isEqualTo(1);
            assertThat(second.stderrLines()).hasSize(1);
            assertThat(second.stderr).startsWith("homeward: DATA_DIR").contains("in use by another running Homeward",
                    "pid " + first.pid());
            assertThat(isRunning(postmaster)).as("the first one's PostgreSQL").isTrue();
            assertThat(awaitHealthy(http, firstPort, first)).as("first still healthy").isEqualTo(200);

            // kill -9: no shutdown hook runs, the PostgreSQL is left behind without its owner; the next start takes over.
            first.destroyForcibly();
            first.waitFor(30, TimeUnit.SECONDS);
            assertThat(isRunning(postmaster)).as("orphan left by kill -9").isTrue();
            int thirdPort = freePort();
            third = start(Files.createDirectories(dir.resolve("third")),
                    Map.of("HTTP_PORT", String.valueOf(thirdPort), "DATA_DIR", data.toString()));
            assertThat(awaitHealthy(http, thirdPort, third)).as("third healthy").isEqualTo(200);
            assertThat(isRunning(postmaster)).as("the orphan stopped").isFalse();
            third.destroy();
            assertThat(third.waitFor(30, TimeUnit.SECONDS)).isTrue();
        } finally {
            first.destroyForcibly();
            if (third != null) {
                third.destroyForcibly();
            }
        }
    }

    static int freePort() throws IOException {
        try (var s = new java.net.ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    /**
     * Starts Homeward as a child process on {@code port} with {@code env}, its output under {@code dir}, and waits
     * until it is healthy (failing with what it printed otherwise).
     */
    static Process startedHealthy(Path dir, Map<String, String> env, int port, HttpClient http) throws Exception {
        Map<String, String> all = new HashMap<>(env);
        all.put("HTTP_PORT", String.valueOf(port));
        Process p = start(Files.createDirectories(dir), all);
        assertThat(awaitHealthy(http, port, p)).as("healthy; it said: %s",
                Files.exists(dir.resolve("stderr.txt")) ? Files.readString(dir.resolve("stderr.txt")) : "")
                .isEqualTo(200);
        return p;
    }

    /** The single number {@code sql} answers in {@code db}. */
    static long count(TestDatabase db, String sql) {
        try (Connection c = db.dataSource().getConnection(); Statement s = c.createStatement();
             ResultSet r = s.executeQuery(sql)) {
            r.next();
            return r.getLong(1);
        } catch (SQLException e) {
            throw new AssertionError(e);
        }
    }

    /** Waits until {@code process} answers /healthz with 200 or ends; returns the last status (0: never answered). */
    static int awaitHealthy(HttpClient http, int port, Process process) {
        URI healthz = URI.create("http://localhost:" + port + "/healthz");
        int[] status = {0};
        Await.until("the process to answer /healthz, or to end", Duration.ofSeconds(60), () -> {
            try {
                status[0] = http.send(HttpRequest.newBuilder(healthz).build(),
                        HttpResponse.BodyHandlers.discarding()).statusCode();
            } catch (IOException notYet) {
                // not listening yet
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
            return status[0] == 200 || !process.isAlive();
        });
        return status[0];
    }

    @Test
    void sigtermStopsTheEmbeddedDatabase(@TempDir Path dir) throws Exception {
        int port = freePort();
        Process process = start(dir, Map.of("HTTP_PORT", String.valueOf(port), "DATA_DIR", dir.resolve("data").toString()));
        try (HttpClient http = HttpClient.newHttpClient()) {
            assertThat(awaitHealthy(http, port, process)).as("healthz").isEqualTo(200);
            Path pidFile = dir.resolve("data/postgres/postmaster.pid");
            long postmaster = Long.parseLong(Files.readAllLines(pidFile).getFirst().trim());
            assertThat(ProcessHandle.of(postmaster)).isPresent();

            process.destroy(); // SIGTERM
            assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
            assertThat(isRunning(postmaster)).as("postgres still running; exit " + process.exitValue() + "; homeward said: "
                    + Files.readString(dir.resolve("stdout.txt")) + Files.readString(dir.resolve("stderr.txt"))).isFalse();
            assertThat(pidFile).doesNotExist();
        } finally {
            process.destroyForcibly();
        }
    }

    /** A stopped postmaster may stay a zombie until init reaps it; that is not running. */
    private static boolean isRunning(long pid) throws IOException {
        Path stat = Path.of("/proc", String.valueOf(pid), "stat");
        if (!Files.exists(stat)) {
            return false;
        }
        String text = Files.readString(stat);
        char state = text.charAt(text.lastIndexOf(')') + 2);
        return state != 'Z' && state != 'X';
    }

    private record Result(int exitCode, String stderr) {
        List<String> stderrLines() {
            return stderr.lines().toList();
        }
    }

    private static Result run(Path dir, Map<String, String> env) throws Exception {
        Process process = start(dir, env);
        try {
            assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("process ended").isTrue();
        } finally {
            process.destroyForcibly();
        }
        return new Result(process.exitValue(), Files.readString(dir.resolve("stderr.txt")).strip());
    }

    static Process start(Path dir, Map<String, String> env) throws IOException {
        return start(dir, env, testClassPath(), List.of(), List.of());
    }

    /** The class path of this test run (Homeward's classes and its libraries). */
    static String testClassPath() {
        return System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
    }

    /**
     * Starts {@link Main} in {@code dir} on {@code classPath} with these JVM options and program arguments; its
     * output goes to {@code stdout.txt} and {@code stderr.txt} there.
     */
    static Process start(Path dir, Map<String, String> env, String classPath, List<String> jvmOptions,
            List<String> args) throws IOException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(jvmOptions);
        command.addAll(List.of("-cp", classPath, Main.class.getName()));
        command.addAll(args);
        ProcessBuilder builder = new ProcessBuilder(command)
                .directory(dir.toFile())
                .redirectOutput(dir.resolve("stdout.txt").toFile())
                .redirectError(dir.resolve("stderr.txt").toFile());
        builder.environment().keySet().removeIf(k -> k.startsWith("DATABASE_") || k.startsWith("TELEGRAM_")
                || k.startsWith("WEBHOOK_") || k.equals("HTTP_PORT") || k.equals("DATA_DIR"));
        builder.environment().putAll(env);
        return builder.start();
    }
}

package org.homeward.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The start-up cache in {@code ./homeward}: trained when it is missing or stale, used when fresh, never used stale,
 * left out on a JDK without it. Runs the real script on a copy of it, with a fake jar and a fake JDK whose
 * {@code java} writes down how it was called and makes the files the real one would.
 */
class HomewardScriptTest {
    private static final String RUN = "-jar app/target/homeward.jar";
    private static final String RUN_WITH_CACHE = "-XX:AOTCache=app/target/homeward.aot -Xlog:aot*=off,cds*=off " + RUN;
    private static final String FAKE_JAVA = """
            #!/bin/sh
            case "$*" in
              *-XshowSettings:properties*) echo "    java.specification.version = $FAKE_VERSION" >&2; exit 0 ;;
              -version) echo "fake java $FAKE_VERSION" >&2; exit 0 ;;
            esac
            echo "$*" >>"$FAKE_LOG"
            for a; do
              case "$a" in
                -XX:AOTConfiguration=*) conf=${a#*=} ;;
                -XX:AOTCache=*) cache=${a#*=} ;;
              esac
            done
            case "$*" in
              *-XX:AOTMode=record*) [ -z "$FAKE_TRAINING_FAILS" ] || exit 1; echo profile >"$conf" ;;
              *-XX:AOTMode=create*) echo cache >"$cache" ;;
            esac
            exit 0
            """;

    @TempDir
    Path root;
    private Path jdk;

    @BeforeEach
    void copyTheScriptBesideAFakeJarAndJdk() throws IOException {
        Path script = Path.of(System.getProperty("user.dir")).getParent().resolve("homeward");
        Files.copy(script, root.resolve("homeward"));
        Files.createDirectories(root.resolve("app/target/lib"));
        Files.writeString(root.resolve("app/target/homeward.jar"), "the app");
        Files.writeString(root.resolve("app/target/lib/library.jar"), "a library");
        jdk = Files.createDirectories(root.resolve("jdk/bin"));
        for (String tool : List.of("java", "javac")) {
            Files.writeString(jdk.resolve(tool), FAKE_JAVA);
            Files.setPosixFilePermissions(jdk.resolve(tool), PosixFilePermissions.fromString("rwxr-xr-x"));
        }
    }

    @Test
    void theFirstRunTrainsTheCacheSayingSoInOneLineThenRunsWithIt() throws Exception {
        Run run = run("25", Map.of());

        assertThat(run.exitCode).isZero();
        assertThat(run.stderr).hasSize(1).first().asString().startsWith("homeward: preparing a faster start");
        assertThat(run.calls).hasSize(3);
        assertThat(run.calls.get(0)).contains("-XX:AOTMode=record").endsWith(RUN + " --train");
        assertThat(run.calls.get(1)).contains("-XX:AOTMode=create").endsWith(RUN);
        assertThat(run.calls.get(2)).endsWith(RUN_WITH_CACHE);
        assertThat(root.resolve("app/target")).isDirectoryNotContaining("glob:**.{conf,tmp}");
        // Trained with the options it runs with (on two cores or fewer, the serial collector).
        String options = run.calls.get(2).substring(0, run.calls.get(2).indexOf(RUN_WITH_CACHE));
        assertThat(run.calls).allMatch(call -> call.startsWith(options));
    }

    @Test
    void aFreshCacheIsUsedWithoutTrainingAgain() throws Exception {
        run("25", Map.of());

        Run second = run("25", Map.of());

        assertThat(second.stderr).isEmpty();
        assertThat(second.calls).singleElement().asString().endsWith(RUN_WITH_CACHE);
    }

    @Test
    void afterARebuildTheNextRunTrainsAgainBeforeRunning() throws Exception {
        run("25", Map.of());
        rebuild("app/target/homeward.jar");

        Run afterBuild = run("25", Map.of());
        assertThat(afterBuild.calls).hasSize(3).last().asString().endsWith(RUN_WITH_CACHE);

        rebuild("app/target/lib/library.jar");
        assertThat(run("25", Map.of()).calls).hasSize(3).last().asString().endsWith(RUN_WITH_CACHE);
    }

    @Test
    void aStaleCacheIsNeverUsedEvenWhenTrainingFails() throws Exception {
        run("25", Map.of());
        rebuild("app/target/homeward.jar");

        Run failed = run("25", Map.of("FAKE_TRAINING_FAILS", "1"));

        assertThat(failed.exitCode).isZero();
        assertThat(failed.stderr).hasSize(2);
        assertThat(failed.stderr.get(1)).startsWith("homeward: could not prepare the faster start")
                .endsWith("starting without it");
        assertThat(failed.calls).last().asString().endsWith(RUN).doesNotContain("AOTCache");
        assertThat(root.resolve("app/target/homeward.aot")).doesNotExist();
    }

    @Test
    void aCacheMadeByAnotherJdkIsNotUsed() throws Exception {
        run("25", Map.of());

        Run otherJdk = run("26", Map.of());

        assertThat(otherJdk.calls).hasSize(3).last().asString().endsWith(RUN_WITH_CACHE);
        assertThat(otherJdk.calls.getFirst()).contains("-XX:AOTMode=record");
    }

    @Test
    void aJdkWithoutTheCacheRunsWithoutItSilently() throws Exception {
        Run run = run("21", Map.of());

        assertThat(run.exitCode).isZero();
        assertThat(run.stderr).isEmpty();
        assertThat(run.calls).singleElement().asString().endsWith(RUN).doesNotContain("AOTCache");
    }

    /** A jar written again by a build: another size and a later modification time. */
    private void rebuild(String jar) throws IOException {
        Path file = root.resolve(jar);
        FileTime before = Files.getLastModifiedTime(file);
        Files.writeString(file, Files.readString(file) + ", rebuilt");
        Files.setLastModifiedTime(file, FileTime.fromMillis(before.toMillis() + 2_000));
    }

    private record Run(int exitCode, List<String> stderr, List<String> calls) {}

    private Run run(String javaVersion, Map<String, String> env) throws Exception {
        Path log = root.resolve("java-calls.txt");
        Files.deleteIfExists(log);
        Files.createFile(log);
        ProcessBuilder builder = new ProcessBuilder("bash", "homeward").directory(root.toFile())
                .redirectOutput(root.resolve("stdout.txt").toFile())
                .redirectError(root.resolve("stderr.txt").toFile());
        builder.environment().put("JAVA_HOME", jdk.getParent().toString());
        builder.environment().put("FAKE_VERSION", javaVersion);
        builder.environment().put("FAKE_LOG", log.toString());
        builder.environment().remove("FAKE_TRAINING_FAILS");
        builder.environment().putAll(env);
        Process process = builder.start();
        try {
            assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("the script ended").isTrue();
        } finally {
            process.destroyForcibly();
        }
        return new Run(process.exitValue(), Files.readAllLines(root.resolve("stderr.txt")), Files.readAllLines(log));
    }
}

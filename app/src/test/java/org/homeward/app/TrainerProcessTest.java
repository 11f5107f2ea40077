package org.homeward.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The training mode ({@code --train}) as {@code ./homeward} runs it: in its own JVM, which writes the cache at exit. */
@Tag("slow")
class TrainerProcessTest {

    @Test
    void theTrainingTakesPeopleThroughRegistrationExitsZeroAndTheJvmWritesTheCache(@TempDir Path dir) throws Exception {
        Path cache = dir.resolve("homeward.aot");
        Path tmp = Files.createDirectories(dir.resolve("tmp"));
        Process process = MainProcessTest.start(dir, Map.of(), jarredClassPath(dir.resolve("cp")),
                List.of("-XX:AOTCacheOutput=" + cache, "-Djava.io.tmpdir=" + tmp), List.of("--train", "12"));
        try {
            assertThat(process.waitFor(5, TimeUnit.MINUTES)).as("training ended").isTrue();
        } finally {
            process.destroyForcibly();
        }
        String said = Files.readString(dir.resolve("stdout.txt")) + Files.readString(dir.resolve("stderr.txt"));

        assertThat(process.exitValue()).as(said).isZero();
        assertThat(said).contains("training the start-up cache: 12 simulated people", "trained the start-up cache in");
        assertThat(cache).as(said).isNotEmptyFile();
        try (Stream<Path> left = Files.list(tmp)) {
            assertThat(left.map(p -> p.getFileName().toString())).as("its throw-away DATA_DIR is gone")
                    .noneMatch(name -> name.startsWith("homeward-train"));
        }
    }

    /**
     * The test class path with each directory in it packed as a jar: the JVM writes no AOT cache for a class path
     * with a non-empty directory on it ("Cannot have non-empty directory in paths"), as a jar of the build would be.
     */
    private static String jarredClassPath(Path into) throws IOException {
        Files.createDirectories(into);
        List<String> entries = new ArrayList<>();
        for (String entry : MainProcessTest.testClassPath().split(File.pathSeparator)) {
            Path path = Path.of(entry);
            if (!Files.isDirectory(path)) {
                entries.add(entry);
                continue;
            }
            Path jar = into.resolve(entries.size() + ".jar");
            try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar));
                    Stream<Path> files = Files.walk(path)) {
                for (Path file : files.filter(Files::isRegularFile).toList()) {
                    out.putNextEntry(new JarEntry(path.relativize(file).toString().replace(File.separatorChar, '/')));
                    Files.copy(file, out);
                    out.closeEntry();
                }
            }
            entries.add(jar.toString());
        }
        return String.join(File.pathSeparator, entries);
    }
}

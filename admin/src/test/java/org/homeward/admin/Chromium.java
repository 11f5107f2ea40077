package org.homeward.admin;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Assumptions;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * Debian's Chromium driven by Selenium for the admin browser tests: headless, a fresh profile in the test's folder,
 * no background networking (this machine's closed network refuses it), skipped where it is not installed.
 */
final class Chromium {
    private static final Path BINARY = Path.of("/usr/bin/chromium");
    private static final Path DRIVER = Path.of("/usr/bin/chromedriver");

    private Chromium() {}

    /** Skips the test, saying why, when Debian's chromium and chromium-driver are missing. */
    static void assumeInstalled() {
        Assumptions.assumeTrue(Files.isExecutable(BINARY) && Files.isExecutable(DRIVER),
                "Skipped: Debian's chromium and chromium-driver are not installed (.ci/run installs them)");
    }

    /**
     * A browser with a window of {@code windowSize} ("420,800"), its profile under {@code dir}, and, when
     * {@code downloads} is not null, files saved there without asking.
     */
    static WebDriver start(Path dir, String windowSize, Path downloads) throws IOException {
        ChromeOptions options = new ChromeOptions();
        options.setBinary(BINARY.toString());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run",
                "--lang=en-US", "--window-size=" + windowSize,
                "--user-data-dir=" + Files.createDirectories(dir.resolve("profile")));
        if (downloads != null) {
            options.setExperimentalOption("prefs", Map.of("download.default_directory", downloads.toString(),
                    "download.prompt_for_download", false, "download.directory_upgrade", true,
                    "safebrowsing.enabled", false));
        }
        return new ChromeDriver(new ChromeDriverService.Builder()
                .usingDriverExecutable(DRIVER.toFile()).usingAnyFreePort().build(), options);
    }
}

package dev.ratchet.local;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;

import org.openqa.selenium.Dimension;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The distribution's headless Chromium under Selenium: the driver and the browser are the Debian packages'
 * binaries, named explicitly, so Selenium Manager never downloads either. A fresh profile per browser; without
 * the binaries the calling test is skipped, saying how to install them.
 */
final class HeadlessChromium implements AutoCloseable {

    static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    /** A page and a whole demo session on a shared 2-core machine; the waits end as soon as the page shows it. */
    static final Duration WAIT = Duration.ofSeconds(120);

    final ChromeDriver driver;
    private final Path profile;
    private final Path screenshots;

    private HeadlessChromium(ChromeDriver driver, Path profile, Path screenshots) {
        this.driver = driver;
        this.profile = profile;
        this.screenshots = screenshots;
    }

    /** Skips the test (JUnit assumption) when Chromium or its driver is not installed. */
    static void assumeInstalled() {
        assumeTrue(Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER), "headless Chromium is not "
                + "installed (" + CHROMIUM + ", " + CHROMEDRIVER + "); install it with: apt-get install -y chromium "
                + "chromium-driver");
    }

    static HeadlessChromium start(Path screenshots) {
        try {
            Path profile = Files.createTempDirectory("ratchet-console-chromium-");
            ChromeOptions options = new ChromeOptions();
            options.setBinary(CHROMIUM.toFile());
            options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                    "--disable-component-update", "--no-first-run", "--user-data-dir=" + profile,
                    "--window-size=1280,1000");
            ChromeDriverService service = new ChromeDriverService.Builder()
                    .usingDriverExecutable(CHROMEDRIVER.toFile()).usingAnyFreePort().build();
            Files.createDirectories(screenshots);
            return new HeadlessChromium(new ChromeDriver(service, options), profile, screenshots);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    WebDriverWait waiting() {
        return new WebDriverWait(driver, WAIT);
    }

    /** A screenshot at another window size ({@code 390 x 844}: a phone), then back to 1280 x 1000. */
    Path screenshot(String name, int width, int height) {
        driver.manage().window().setSize(new Dimension(width, height));
        try {
            return screenshot(name);
        } finally {
            driver.manage().window().setSize(new Dimension(1280, 1000));
        }
    }

    /** Saves a screenshot of the whole page as {@code <name>.png} in the screenshot folder. */
    Path screenshot(String name) {
        try {
            Path file = screenshots.resolve(name + ".png");
            Files.write(file, driver.getScreenshotAs(OutputType.BYTES));
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        try {
            driver.quit();
        } finally {
            try (var files = Files.walk(profile)) {
                files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            } catch (IOException e) {
                // a profile left in the temporary folder costs disk space only
            }
        }
    }
}

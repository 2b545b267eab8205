package dev.ratchet.workspace.browser;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

import dev.ratchet.core.event.Check;
import dev.ratchet.workspace.sandbox.SandboxConfig;
import dev.ratchet.workspace.sandbox.SandboxRunner;

/**
 * Browser checks for real: a tiny Python server and the distribution's headless Chromium in one sandbox. Skipped,
 * saying how to install it, where Chromium is missing.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class BrowserChecksTest {

    private static final byte[] PNG = {(byte) 0x89, 'P', 'N', 'G'};

    SandboxRunner sandbox;
    BrowserChecks browser;
    @TempDir
    static Path site;
    int port;

    @BeforeAll
    void chromiumAndASite() throws IOException {
        assumeTrue(BrowserChecks.findChromium().isPresent(), "chromium is not installed; install it with "
                + BrowserChecks.INSTALL);
        sandbox = new SandboxRunner(SandboxConfig.defaults().withBaseDir(Path.of("/tmp")));
        browser = new BrowserChecks(sandbox, BrowserChecks.findChromium());
        Files.writeString(site.resolve("index.html"), "<html><body><h1>Word statistics</h1></body></html>\n");
        Files.writeString(site.resolve("error.html"), "<html><body><h1>Oops</h1>"
                + "<script>console.error('boom')</script></body></html>\n");
        Files.writeString(site.resolve("server.py"), """
                import http.server, sys

                class Handler(http.server.SimpleHTTPRequestHandler):
                    def do_GET(self):
                        if self.path == '/broken':
                            self.send_error(500, 'broken on purpose')
                        else:
                            super().do_GET()

                http.server.ThreadingHTTPServer(('127.0.0.1', int(sys.argv[1])), Handler).serve_forever()
                """);
        // Any port works inside the sandbox's own network; a free one also works where there is none (isolation none).
        try (ServerSocket free = new ServerSocket(0)) {
            port = free.getLocalPort();
        }
    }

    @AfterAll
    void closeSandbox() {
        if (sandbox != null) {
            sandbox.close();
        }
    }

    private Check check(String command, int readySeconds, String... paths) {
        return new Check("ui", command, 120, Check.Stage.TEST, Check.When.STEP,
                new Check.Browser(port, List.of(paths), readySeconds));
    }

    @Test
    void aGoodPagePassesWithItsScreenshot() {
        BrowserRun run = browser.run(check("python3 server.py " + port, 30, "/index.html"), site);

        assertThat(run.skipped()).isNull();
        assertThat(run.sandbox().passed()).as(run.sandbox().output()).isTrue();
        assertThat(run.sandbox().output()).contains("GET http://127.0.0.1:" + port + "/index.html -> 200 OK")
                .contains("browser check passed: 1 pages, no errors");
        assertThat(run.sandbox().isolation()).isEqualTo(sandbox.isolation());
        assertThat(run.pages()).singleElement().satisfies(page -> {
            assertThat(page.path()).isEqualTo("/index.html");
            assertThat(Arrays.copyOf(page.png(), 4)).isEqualTo(PNG);
        });
    }

    @Test
    void aConsoleErrorAndAServerErrorFailTheCheckAndEveryPageIsScreenshot() {
        BrowserRun run = browser.run(check("python3 server.py " + port, 30, "/index.html", "/error.html",
                "/broken"), site);

        assertThat(run.sandbox().passed()).isFalse();
        assertThat(run.sandbox().exitCode()).isEqualTo(1);
        assertThat(run.sandbox().output())
                .contains("GET http://127.0.0.1:" + port + "/error.html -> 200 OK\n  ERROR console error: boom")
                .contains("GET http://127.0.0.1:" + port + "/broken -> 500 broken on purpose\n  ERROR HTTP 500 for "
                        + "http://127.0.0.1:" + port + "/broken")
                .contains("browser check failed: 2 errors on 2 of 3 pages");
        assertThat(run.pages()).extracting(BrowserRun.Page::path).containsExactly("/index.html", "/error.html",
                "/broken");
    }

    @Test
    void aServerThatNeverListensFailsSayingSo() {
        BrowserRun run = browser.run(check("sleep 60", 2, "/"), site);

        assertThat(run.sandbox().passed()).isFalse();
        assertThat(run.sandbox().output()).contains("FAIL nothing listened on 127.0.0.1:" + port + " within 2 s");
        assertThat(run.pages()).isEmpty();
    }

    @Test
    void withoutChromiumTheCheckIsSkippedWithTheReason() {
        BrowserRun run = new BrowserChecks(sandbox, Optional.empty()).run(check("true", 1, "/"), site);

        assertThat(run.sandbox()).isNull();
        assertThat(run.skipped()).contains("apt-get install -y chromium chromium-driver");
    }
}

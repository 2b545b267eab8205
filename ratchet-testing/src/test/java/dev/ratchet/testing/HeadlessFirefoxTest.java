package dev.ratchet.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.sun.net.httpserver.HttpServer;

/**
 * The BiDi client against the distribution's real Firefox and a page served by the JDK's HTTP server: a page loads,
 * its script's work is read back (a promise awaited), a script's exception is an error naming it, and a screenshot
 * is a PNG. Skipped, saying how to install it, without {@code firefox-esr}.
 */
class HeadlessFirefoxTest {

    private static final String PAGE = "<!doctype html><title>probe</title><p id=\"p\">static</p>"
            + "<script>document.getElementById('p').textContent = 'from a script in ' + navigator.userAgent;</script>";

    static HttpServer server;
    static HeadlessFirefox firefox;

    @BeforeAll
    static void start() throws IOException {
        String missing = HeadlessFirefox.missing();
        assumeTrue(missing == null, missing);
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", exchange -> {
            byte[] body = PAGE.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "text/html; charset=utf-8");
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.start();
        firefox = HeadlessFirefox.start();
    }

    @AfterAll
    static void stop() {
        if (firefox != null) {
            firefox.close();
        }
        if (server != null) {
            server.stop(0);
        }
    }

    @Test
    void aPageLoadsItsScriptRunsAndAPromiseIsAwaited(@TempDir Path shots) throws IOException {
        firefox.navigate("http://127.0.0.1:" + server.getAddress().getPort() + "/");

        assertThat(firefox.text("document.title")).isEqualTo("probe");
        assertThat(firefox.text("document.getElementById('p').textContent")).startsWith("from a script in ")
                .contains("Firefox/");
        assertThat(firefox.evaluate("new Promise(r => setTimeout(() => r(6 * 7), 10))").asInt()).isEqualTo(42);

        firefox.viewport(390, 844);
        Path png = firefox.screenshot(shots.resolve("probe.png"));
        byte[] head = Arrays.copyOf(Files.readAllBytes(png), 4);
        assertThat(head).as("a PNG's signature").containsExactly((byte) 0x89, (byte) 'P', (byte) 'N', (byte) 'G');
    }

    @Test
    void aScriptsExceptionIsAnErrorNamingIt() {
        assertThatThrownBy(() -> firefox.evaluate("(() => { throw new Error('no such console'); })()"))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("no such console");
    }
}

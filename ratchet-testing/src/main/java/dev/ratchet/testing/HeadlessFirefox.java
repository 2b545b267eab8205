package dev.ratchet.testing;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.ratchet.core.json.Json;

/**
 * The distribution's Firefox (Debian's {@code firefox-esr}), headless, driven over WebDriver BiDi, which Firefox
 * speaks itself: no geckodriver (Debian has none, and nothing may be downloaded), only the JDK's WebSocket client
 * (as ratchet-workspace's {@code BrowserProbe} drives Chromium's DevTools). Firefox starts with a fresh profile and
 * {@code --remote-debugging-port=0}, prints the address it listens on, and takes one session ({@code session.new})
 * whose first browsing context is the one tab this class navigates, evaluates scripts in and takes screenshots of.
 */
public final class HeadlessFirefox implements AutoCloseable {

    /** Where Debian's {@code firefox-esr} installs it. */
    public static final Path FIREFOX = Path.of("/usr/bin/firefox-esr");
    /** Firefox 140 on a shared 2-core machine starts in 5 to 25 s; past this it is not coming. */
    private static final Duration START = Duration.ofSeconds(90);
    /** One command (a navigation waits for the page's load event): 60 s on a loaded machine. */
    private static final Duration COMMAND = Duration.ofSeconds(60);
    private static final Pattern LISTENING = Pattern.compile("WebDriver BiDi listening on (ws://\\S+)");
    /**
     * Firefox's own calls home (updates, telemetry, first-run pages, captive portal checks) switched off: nothing
     * outside the machine answers, and waiting on them only slows a test.
     */
    private static final List<String> PREFS = List.of(
            "user_pref(\"app.update.disabledForTesting\", true);",
            "user_pref(\"browser.shell.checkDefaultBrowser\", false);",
            "user_pref(\"browser.startup.homepage_override.mstone\", \"ignore\");",
            "user_pref(\"datareporting.policy.dataSubmissionEnabled\", false);",
            "user_pref(\"toolkit.telemetry.reportingpolicy.firstRun\", false);",
            "user_pref(\"network.captive-portal-service.enabled\", false);",
            "user_pref(\"network.connectivity-service.enabled\", false);",
            "user_pref(\"browser.safebrowsing.update.enabled\", false);",
            "user_pref(\"extensions.update.enabled\", false);");

    private final Process firefox;
    private final Path profile;
    private final Connection connection;
    private final String context;

    private HeadlessFirefox(Process firefox, Path profile, Connection connection, String context) {
        this.firefox = firefox;
        this.profile = profile;
        this.connection = connection;
        this.context = context;
    }

    /** Null when Firefox is installed, else why not and how to install it (for a JUnit assumption's message). */
    public static String missing() {
        return Files.isExecutable(FIREFOX) ? null : "Firefox is not installed (" + FIREFOX + "); install it with: "
                + "apt-get install -y firefox-esr";
    }

    /** Starts Firefox headless with a fresh profile and opens a BiDi session on its first tab. */
    public static HeadlessFirefox start() {
        Path profile = null;
        Process process = null;
        try {
            profile = Files.createTempDirectory("ratchet-firefox-");
            Files.write(profile.resolve("user.js"), PREFS);
            process = new ProcessBuilder(FIREFOX.toString(), "--headless", "--no-remote", "--profile",
                    profile.toString(), "--remote-debugging-port=0", "about:blank").redirectErrorStream(true)
                    .start();
            String address = listening(process);
            Connection connection = Connection.open(URI.create(address + "/session"));
            connection.call("session.new", Map.of("capabilities", Map.of()));
            JsonNode tree = connection.call("browsingContext.getTree", Map.of("maxDepth", 0));
            String context = tree.path("contexts").path(0).path("context").asText();
            return new HeadlessFirefox(process, profile, connection, context);
        } catch (IOException | RuntimeException e) {
            stop(process, profile);
            throw e instanceof IOException io ? new UncheckedIOException(io) : (RuntimeException) e;
        }
    }

    /** Loads {@code url} in the tab and waits for its load event. */
    public void navigate(String url) {
        connection.call("browsingContext.navigate", Map.of("context", context, "url", url, "wait", "complete"));
    }

    /**
     * The value of {@code expression} (a promise is awaited) in the page, as BiDi serializes it: a string's or a
     * number's {@code value}, {@code null} for undefined and null.
     *
     * @throws IllegalStateException when the script threw, naming its message
     */
    public JsonNode evaluate(String expression) {
        JsonNode answer = connection.call("script.evaluate", Map.of("expression", expression,
                "target", Map.of("context", context), "awaitPromise", true));
        if ("exception".equals(answer.path("type").asText())) {
            throw new IllegalStateException("the script threw: " + answer.path("exceptionDetails").path("text")
                    .asText());
        }
        return answer.path("result").path("value");
    }

    /** {@link #evaluate} of an expression that gives a string; empty for anything else. */
    public String text(String expression) {
        JsonNode value = evaluate(expression);
        return value.isTextual() ? value.asText() : "";
    }

    /** The tab's viewport in CSS pixels (1280 x 1000 as the Chromium tests use; 390 x 844 a phone). */
    public void viewport(int width, int height) {
        connection.call("browsingContext.setViewport", Map.of("context", context, "viewport",
                Map.of("width", width, "height", height)));
    }

    /** A PNG of the viewport, written to {@code file}. */
    public Path screenshot(Path file) {
        JsonNode shot = connection.call("browsingContext.captureScreenshot", Map.of("context", context));
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            return Files.write(file, Base64.getDecoder().decode(shot.path("data").asText()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        try {
            connection.call("session.end", Map.of());
        } catch (RuntimeException e) {
            // Firefox may already be going; it is stopped below either way.
        }
        connection.close();
        stop(firefox, profile);
    }

    /** The address Firefox prints once it listens; its other output (GPU warnings in a container) is skipped. */
    private static String listening(Process process) throws IOException {
        CompletableFuture<String> address = CompletableFuture.supplyAsync(() -> {
            try (BufferedReader lines = new BufferedReader(new InputStreamReader(process.getInputStream(),
                    StandardCharsets.UTF_8))) {
                String line;
                while ((line = lines.readLine()) != null) {
                    Matcher m = LISTENING.matcher(line);
                    if (m.find()) {
                        // Keep reading so a full pipe never blocks Firefox.
                        CompletableFuture.runAsync(() -> lines.lines().forEach(l -> { }));
                        return m.group(1);
                    }
                }
                return null;
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
        try {
            String found = address.get(START.toMillis(), TimeUnit.MILLISECONDS);
            if (found == null) {
                throw new IOException("Firefox exited (status " + process.waitFor() + ") before it listened");
            }
            return found;
        } catch (TimeoutException e) {
            throw new IOException("Firefox did not listen for WebDriver BiDi within " + START.toSeconds() + " s");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while Firefox started", e);
        } catch (ExecutionException e) {
            throw new IOException("reading Firefox's output failed", e.getCause());
        }
    }

    private static void stop(Process process, Path profile) {
        if (process != null) {
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly();
            try {
                process.waitFor(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        if (profile != null) {
            try (Stream<Path> files = Files.walk(profile)) {
                files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            } catch (IOException | UncheckedIOException e) {
                // A leftover profile in the temp folder is harmless.
            }
        }
    }

    /** One WebSocket to Firefox: commands by id, each answered once; events (unasked for) are dropped. */
    private static final class Connection implements WebSocket.Listener {

        private final AtomicLong ids = new AtomicLong();
        private final Map<Long, CompletableFuture<JsonNode>> pending = new ConcurrentHashMap<>();
        private final StringBuilder partial = new StringBuilder();
        private WebSocket socket;

        static Connection open(URI address) {
            Connection connection = new Connection();
            connection.socket = HttpClient.newHttpClient().newWebSocketBuilder().connectTimeout(COMMAND)
                    .buildAsync(address, connection).orTimeout(COMMAND.toMillis(), TimeUnit.MILLISECONDS).join();
            return connection;
        }

        /**
         * Sends {@code method} with {@code params} and waits for its answer's {@code result}.
         *
         * @throws IllegalStateException when Firefox answers with an error (naming it) or not within 60 s
         */
        JsonNode call(String method, Map<String, Object> params) {
            long id = ids.incrementAndGet();
            CompletableFuture<JsonNode> answer = new CompletableFuture<>();
            pending.put(id, answer);
            ObjectNode command = Json.mapper().createObjectNode().put("id", id).put("method", method);
            command.set("params", Json.mapper().valueToTree(params));
            socket.sendText(Json.write(command), true).join();
            try {
                JsonNode message = answer.get(COMMAND.toMillis(), TimeUnit.MILLISECONDS);
                if ("error".equals(message.path("type").asText())) {
                    throw new IllegalStateException(method + " failed: " + message.path("error").asText() + ": "
                            + message.path("message").asText());
                }
                return message.path("result");
            } catch (TimeoutException e) {
                throw new IllegalStateException(method + " had no answer within " + COMMAND.toSeconds() + " s");
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted waiting for " + method, e);
            } catch (ExecutionException e) {
                throw new IllegalStateException(method + " failed", e.getCause());
            } finally {
                pending.remove(id);
            }
        }

        void close() {
            socket.abort();
            pending.values().forEach(p -> p.completeExceptionally(new IllegalStateException("connection closed")));
        }

        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            partial.append(data);
            if (last) {
                JsonNode message = Json.read(partial.toString(), JsonNode.class);
                partial.setLength(0);
                Optional.ofNullable(message.get("id")).filter(JsonNode::canConvertToLong)
                        .map(id -> pending.get(id.asLong())).ifPresent(p -> p.complete(message));
            }
            webSocket.request(1);
            return null;
        }

        @Override
        public void onError(WebSocket webSocket, Throwable error) {
            pending.values().forEach(p -> p.completeExceptionally(error));
        }
    }
}

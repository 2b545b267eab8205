package dev.ratchet.workspace.browser.probe;

import java.io.IOException;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The browser side of a browser check, run inside the check's sandbox (as its foreground process, the project's
 * server in the background) on the JDK alone: waits for the server's port, starts headless Chromium with a fresh
 * profile, and drives it over the Chrome DevTools Protocol (the JDK's WebSocket client): for each path it loads the
 * page, collects HTTP error statuses, failed requests, console errors and uncaught exceptions, and writes a PNG
 * screenshot to {@code out/shot-<n>.png}. It prints what it saw and exits 0 only when no page had an error.
 * <p>
 * Its one argument is the directory holding {@code spec.json} ({@code port}, {@code readySeconds}, {@code paths},
 * {@code pageSeconds}, {@code chromium}, {@code flags}). No nested classes: {@code BrowserChecks} copies exactly
 * this class and {@link MiniJson} into the sandbox.
 */
public final class BrowserProbe implements WebSocket.Listener {

    /** Chromium requests it on its own; a project without one is not broken. */
    private static final String FAVICON = "/favicon.ico";
    /** After the load event, late console errors and requests still count while the page keeps busy, up to 5 s. */
    private static final long SETTLE_MS = 500;
    private static final long MAX_SETTLE_MS = 5000;
    private static final long COMMAND_MS = 30_000;

    private final Path dir;
    private final PrintStream out = System.out;
    private final AtomicLong ids = new AtomicLong();
    private final Map<Long, CompletableFuture<Map<String, Object>>> pending = new ConcurrentHashMap<>();
    private final BlockingQueue<Map<String, Object>> events = new LinkedBlockingQueue<>();
    private final StringBuilder partial = new StringBuilder();
    private WebSocket socket;
    private String session;

    private BrowserProbe(Path dir) {
        this.dir = dir;
    }

    public static void main(String[] args) {
        int status;
        try {
            status = new BrowserProbe(Path.of(args[0])).run();
        } catch (Exception e) {
            System.out.println("FAIL browser check: " + e);
            status = 2;
        }
        System.out.flush();
        System.exit(status);
    }

    @SuppressWarnings("unchecked")
    private int run() throws Exception {
        Map<String, Object> spec = (Map<String, Object>) MiniJson.parse(Files.readString(dir.resolve("spec.json")));
        int port = ((Number) spec.get("port")).intValue();
        int ready = ((Number) spec.get("readySeconds")).intValue();
        long pageMs = ((Number) spec.get("pageSeconds")).longValue() * 1000;
        Path shots = Files.createDirectories(dir.resolve("out"));
        if (!listening(port, ready * 1000L)) {
            out.println("FAIL nothing listened on 127.0.0.1:" + port + " within " + ready + " s: the server did not"
                    + " start (its output is above)");
            return 1;
        }
        out.println("server listening on 127.0.0.1:" + port);
        String tmp = System.getenv("TMPDIR");
        Path profile = Files.createTempDirectory(Path.of(tmp == null || tmp.isEmpty() ? "/tmp" : tmp),
                "chromium-profile-");
        List<String> command = new ArrayList<>();
        command.add((String) spec.get("chromium"));
        for (Object flag : (List<Object>) spec.get("flags")) {
            command.add((String) flag);
        }
        command.add("--remote-debugging-port=0");
        command.add("--user-data-dir=" + profile);
        command.add("about:blank");
        Process chromium = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(dir.resolve("chromium.log").toFile()).start();
        try {
            connect(profile, chromium);
            List<Object> paths = (List<Object>) spec.get("paths");
            int failedPages = 0;
            int errors = 0;
            for (int i = 0; i < paths.size(); i++) {
                List<String> found = load("http://127.0.0.1:" + port + paths.get(i), pageMs,
                        shots.resolve("shot-" + i + ".png"));
                errors += found.size();
                failedPages += found.isEmpty() ? 0 : 1;
            }
            out.println(failedPages == 0 ? "browser check passed: " + paths.size() + " pages, no errors"
                    : "browser check failed: " + errors + " errors on " + failedPages + " of " + paths.size()
                            + " pages");
            return failedPages == 0 ? 0 : 1;
        } finally {
            if (socket != null) {
                socket.abort();
            }
            chromium.descendants().forEach(ProcessHandle::destroyForcibly);
            chromium.destroyForcibly();
        }
    }

    private static boolean listening(int port, long withinMs) throws InterruptedException {
        long deadline = System.currentTimeMillis() + withinMs;
        while (System.currentTimeMillis() < deadline) {
            try (Socket s = new Socket()) {
                s.connect(new InetSocketAddress("127.0.0.1", port), 500);
                return true;
            } catch (IOException e) {
                Thread.sleep(100);
            }
        }
        return false;
    }

    /** Chromium writes its DevTools port and browser path to DevToolsActivePort in the profile once it listens. */
    @SuppressWarnings("unchecked")
    private void connect(Path profile, Process chromium) throws Exception {
        Path active = profile.resolve("DevToolsActivePort");
        long deadline = System.currentTimeMillis() + COMMAND_MS;
        while (!Files.exists(active) || Files.readAllLines(active).size() < 2) {
            if (!chromium.isAlive()) {
                throw new IOException("chromium exited with " + chromium.exitValue() + " before it listened: "
                        + tail(dir.resolve("chromium.log")));
            }
            if (System.currentTimeMillis() > deadline) {
                throw new IOException("chromium did not open its DevTools port within 30 s: "
                        + tail(dir.resolve("chromium.log")));
            }
            Thread.sleep(100);
        }
        List<String> lines = Files.readAllLines(active);
        socket = HttpClient.newHttpClient().newWebSocketBuilder().connectTimeout(Duration.ofSeconds(10))
                .buildAsync(URI.create("ws://127.0.0.1:" + lines.get(0).strip() + lines.get(1).strip()), this)
                .get(COMMAND_MS, TimeUnit.MILLISECONDS);
        String target = (String) send("Target.createTarget", Map.of("url", "about:blank"), false).get("targetId");
        session = (String) send("Target.attachToTarget", Map.of("targetId", target, "flatten", true), false)
                .get("sessionId");
        for (String domain : List.of("Page", "Network", "Runtime", "Log")) {
            send(domain + ".enable", Map.of(), true);
        }
        send("Emulation.setDeviceMetricsOverride", Map.of("width", 1280, "height", 800, "deviceScaleFactor", 1,
                "mobile", false), true);
    }

    /** Loads one page and screenshots it; the errors it had (none for a good page). */
    @SuppressWarnings("unchecked")
    private List<String> load(String url, long pageMs, Path shot) throws Exception {
        events.clear();
        List<String> errors = new ArrayList<>();
        Map<String, String> urls = new HashMap<>();
        Map<String, Object> navigated = send("Page.navigate", Map.of("url", url), true);
        if (navigated.get("errorText") != null) {
            errors.add("failed to load " + url + ": " + navigated.get("errorText"));
        }
        String status = "no response";
        long deadline = System.currentTimeMillis() + pageMs;
        long loadedAt = -1;
        long quietUntil = Long.MAX_VALUE;
        while (System.currentTimeMillis() < Math.min(deadline, quietUntil)) {
            Map<String, Object> event = events.poll(100, TimeUnit.MILLISECONDS);
            if (event == null) {
                continue;
            }
            String method = (String) event.get("method");
            Map<String, Object> params = (Map<String, Object>) event.getOrDefault("params", Map.of());
            if ("Page.loadEventFired".equals(method)) {
                loadedAt = System.currentTimeMillis();
            } else if ("Network.requestWillBeSent".equals(method)) {
                urls.put((String) params.get("requestId"), (String) ((Map<String, Object>) params.get("request"))
                        .get("url"));
            } else if ("Network.responseReceived".equals(method)) {
                Map<String, Object> response = (Map<String, Object>) params.get("response");
                long code = ((Number) response.get("status")).longValue();
                String at = (String) response.get("url");
                if ("Document".equals(params.get("type")) && at.equals(url)) {
                    status = code + " " + response.getOrDefault("statusText", "");
                }
                if (code >= 400 && !at.endsWith(FAVICON)) {
                    errors.add("HTTP " + code + " for " + at);
                }
            } else if ("Network.loadingFailed".equals(method)) {
                String at = urls.getOrDefault((String) params.get("requestId"), "a request");
                if (!Boolean.TRUE.equals(params.get("canceled")) && !at.endsWith(FAVICON)) {
                    errors.add("request failed: " + at + " (" + params.get("errorText") + ")");
                }
            } else if ("Runtime.consoleAPICalled".equals(method)
                    && ("error".equals(params.get("type")) || "assert".equals(params.get("type")))) {
                errors.add("console error: " + consoleText((List<Object>) params.get("args")));
            } else if ("Runtime.exceptionThrown".equals(method)) {
                Map<String, Object> details = (Map<String, Object>) params.get("exceptionDetails");
                Map<String, Object> exception = (Map<String, Object>) details.get("exception");
                errors.add("uncaught exception: " + (exception != null && exception.get("description") != null
                        ? exception.get("description") : details.get("text")));
            } else if ("Log.entryAdded".equals(method)) {
                Map<String, Object> entry = (Map<String, Object>) params.get("entry");
                // Failed resources are reported by the Network events above already.
                if ("error".equals(entry.get("level")) && !"network".equals(entry.get("source"))) {
                    errors.add("console error: " + entry.get("text"));
                }
            }
            if (loadedAt >= 0) {
                quietUntil = Math.min(System.currentTimeMillis() + SETTLE_MS, loadedAt + MAX_SETTLE_MS);
            }
        }
        if (loadedAt < 0) {
            errors.add("the page did not finish loading within " + pageMs / 1000 + " s");
        }
        out.println("GET " + url + " -> " + status.strip());
        errors.forEach(e -> out.println("  ERROR " + e));
        try {
            String png = (String) send("Page.captureScreenshot", Map.of("format", "png"), true).get("data");
            byte[] bytes = Base64.getDecoder().decode(png);
            Files.write(shot, bytes);
            out.println("  screenshot " + shot.getFileName() + " (" + bytes.length + " bytes)");
        } catch (IOException e) {
            out.println("  no screenshot: " + e.getMessage());
        }
        return errors;
    }

    @SuppressWarnings("unchecked")
    private static String consoleText(List<Object> args) {
        StringBuilder text = new StringBuilder();
        for (Object arg : args == null ? List.of() : args) {
            Map<String, Object> a = (Map<String, Object>) arg;
            Object shown = a.containsKey("value") ? a.get("value") : a.get("description");
            text.append(text.length() == 0 ? "" : " ").append(shown);
        }
        return text.toString();
    }

    /** Sends a DevTools command and waits for its answer's {@code result}. */
    @SuppressWarnings("unchecked")
    private Map<String, Object> send(String method, Map<String, Object> params, boolean inPage) throws Exception {
        long id = ids.incrementAndGet();
        Map<String, Object> message = new LinkedHashMap<>();
        message.put("id", id);
        message.put("method", method);
        message.put("params", params);
        if (inPage) {
            message.put("sessionId", session);
        }
        CompletableFuture<Map<String, Object>> answer = new CompletableFuture<>();
        pending.put(id, answer);
        socket.sendText(MiniJson.write(message), true).get(COMMAND_MS, TimeUnit.MILLISECONDS);
        Map<String, Object> reply = answer.get(COMMAND_MS, TimeUnit.MILLISECONDS);
        if (reply.get("error") != null) {
            throw new IOException(method + " failed: " + MiniJson.write(reply.get("error")));
        }
        return (Map<String, Object>) reply.getOrDefault("result", Map.of());
    }

    @Override
    @SuppressWarnings("unchecked")
    public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
        partial.append(data);
        if (last) {
            Map<String, Object> message = (Map<String, Object>) MiniJson.parse(partial.toString());
            partial.setLength(0);
            Object id = message.get("id");
            if (id instanceof Number n) {
                CompletableFuture<Map<String, Object>> answer = pending.remove(n.longValue());
                if (answer != null) {
                    answer.complete(message);
                }
            } else {
                events.add(message);
            }
        }
        webSocket.request(1);
        return null;
    }

    private static String tail(Path log) {
        try {
            String text = Files.exists(log) ? Files.readString(log, StandardCharsets.UTF_8) : "";
            return text.length() > 2000 ? text.substring(text.length() - 2000) : text;
        } catch (IOException e) {
            return "(no log)";
        }
    }
}

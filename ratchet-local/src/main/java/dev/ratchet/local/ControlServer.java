package dev.ratchet.local;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import dev.ratchet.local.Part.PartAction;

/**
 * The control endpoint of a running {@code ./ratchet up}: the launcher owns the cluster's processes (they watch its
 * pid), so {@code ./ratchet restart <part>} asks it to act. Loopback only, on a free port, and every request must
 * carry the random token that {@code .ratchet/cluster.json} (readable by its owner only) holds.
 * <ul>
 * <li>{@code POST /parts/{name}/{restart|kill|start|stop}}: 200 and a line saying what was done; 404 for an unknown
 * part, 409 while the cluster stops, 500 when the part did not come back (the line says why).</li>
 * <li>{@code GET /parts}: the part names, one a line.</li>
 * </ul>
 */
final class ControlServer implements AutoCloseable {

    static final String TOKEN_HEADER = "X-Ratchet-Control-Token";
    private static final Pattern ACTION = Pattern.compile("/parts/([a-z0-9-]{1,64})/(restart|kill|start|stop)");
    /** Restarts of different parts may overlap; a few threads are plenty for one person's terminal. */
    private static final int THREADS = 4;

    private final HttpServer server;
    private final ExecutorService threads;
    private final LocalCluster cluster;
    private final String token;

    private ControlServer(HttpServer server, ExecutorService threads, LocalCluster cluster, String token) {
        this.server = server;
        this.threads = threads;
        this.cluster = cluster;
        this.token = token;
    }

    static ControlServer start(LocalCluster cluster) {
        byte[] secret = new byte[24];
        new SecureRandom().nextBytes(secret);
        ExecutorService threads = Executors.newFixedThreadPool(THREADS, r -> {
            Thread thread = new Thread(r, "ratchet-control");
            thread.setDaemon(true);
            return thread;
        });
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 16);
            ControlServer control = new ControlServer(server, threads, cluster, HexFormat.of().formatHex(secret));
            server.createContext("/parts", control::handle);
            server.setExecutor(threads);
            server.start();
            return control;
        } catch (IOException e) {
            threads.shutdownNow();
            throw new IllegalStateException("cannot open the control endpoint on loopback", e);
        }
    }

    URI url() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    String token() {
        return token;
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String presented = exchange.getRequestHeaders().getFirst(TOKEN_HEADER);
            if (presented == null || !MessageDigest.isEqual(presented.getBytes(StandardCharsets.UTF_8),
                    token.getBytes(StandardCharsets.UTF_8))) {
                reply(exchange, 403, "missing or wrong " + TOKEN_HEADER + " (it is in .ratchet/cluster.json)");
                return;
            }
            String path = exchange.getRequestURI().getPath();
            String method = exchange.getRequestMethod();
            if (path.equals("/parts") && method.equals("GET")) {
                reply(exchange, 200, String.join("\n", cluster.partNames()));
                return;
            }
            Matcher action = ACTION.matcher(path);
            if (!action.matches()) {
                reply(exchange, 404, "no part named '" + lastSegment(path) + "' or no such action; the parts are "
                        + String.join(", ", cluster.partNames()) + "; the actions restart, kill, start, stop");
                return;
            }
            if (!method.equals("POST")) {
                exchange.getResponseHeaders().set("Allow", "POST");
                reply(exchange, 405, method + " is not allowed here; use POST");
                return;
            }
            act(exchange, action.group(1), action.group(2));
        }
    }

    private void act(HttpExchange exchange, String part, String action) throws IOException {
        try {
            PartAction done = switch (action) {
                case "restart" -> cluster.restart(part);
                case "kill" -> cluster.kill(part);
                case "start" -> cluster.start(part);
                default -> cluster.stop(part);
            };
            reply(exchange, 200, done.toString());
        } catch (IllegalArgumentException e) {
            reply(exchange, 404, e.getMessage());
        } catch (RuntimeException e) {
            reply(exchange, cluster.isClosed() ? 409 : 500, action + " " + part + " failed: " + e.getMessage());
        }
    }

    private static String lastSegment(String path) {
        String[] segments = path.split("/");
        String last = segments.length < 3 ? "" : segments[2];
        return last.length() > 64 ? last.substring(0, 64) + "..." : last;
    }

    private static void reply(HttpExchange exchange, int status, String text) throws IOException {
        byte[] body = (text + "\n").getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "text/plain; charset=utf-8");
        exchange.sendResponseHeaders(status, body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }

    @Override
    public void close() {
        server.stop(0);
        threads.shutdownNow();
    }
}

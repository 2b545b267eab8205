package dev.ratchet.simulator;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Logger;

/**
 * A SIMULATED OpenAI-compatible Chat Completions server. It runs no model: it answers from a
 * {@link Scenario} at a configurable token rate, and says "simulated" in every model name and error.
 */
public final class SimulatedModelServer implements AutoCloseable {

    /** The request header naming the client's role (planner, executor), by which requests are counted. */
    public static final String ROLE_HEADER = "X-Ratchet-Role";

    private static final Logger LOG = Logger.getLogger("dev.ratchet.simulator");
    private static final AtomicInteger SERVERS = new AtomicInteger();

    private final HttpServer http;
    private final ExecutorService pool;
    private final ChatCompletionsHandler completions;
    private final URI baseUrl;

    private SimulatedModelServer(HttpServer http, ExecutorService pool, ChatCompletionsHandler completions, URI baseUrl) {
        this.http = http;
        this.pool = pool;
        this.completions = completions;
        this.baseUrl = baseUrl;
    }

    public static SimulatedModelServer start(SimulatorConfig config) throws IOException {
        HttpServer http = HttpServer.create(new InetSocketAddress(config.host(), config.port()), 128);
        ExecutorService pool = Executors.newCachedThreadPool(daemonThreads());
        ChatCompletionsHandler completions = new ChatCompletionsHandler(config);
        http.createContext("/v1/chat/completions", completions);
        http.createContext("/v1/models", exchange -> reply(exchange, 200, Payloads.modelList(modelIds(config))));
        http.createContext("/health", exchange -> reply(exchange, 200, Payloads.health()));
        http.createContext("/", exchange -> {
            try (exchange) {
                JsonReply.error(exchange, 404, "no such endpoint " + exchange.getRequestURI().getPath());
            }
        });
        http.setExecutor(pool);
        http.start();
        String host = config.host().contains(":") ? "[" + config.host() + "]" : config.host();
        URI baseUrl = URI.create("http://" + host + ":" + http.getAddress().getPort() + "/v1");
        LOG.info(() -> "SIMULATED model server (not a real model) listening on " + baseUrl
                + " (scenario '" + config.scenario().name() + "')");
        return new SimulatedModelServer(http, pool, completions, baseUrl);
    }

    /** Where clients point their OpenAI base URL, e.g. {@code http://127.0.0.1:PORT/v1}. */
    public URI baseUrl() {
        return baseUrl;
    }

    public int port() {
        return http.getAddress().getPort();
    }

    /** Chat completion requests received so far, whatever their answer. */
    public long requestCount() {
        return completions.requestCount();
    }

    /**
     * The bodies of the last 256 chat completion requests, oldest first, exactly as received: for tests that check
     * what a client sent (a tool result, an error it passed on).
     */
    public List<String> recentRequests() {
        return completions.recentRequests();
    }

    /**
     * What one role asked (requests, whatever their answer) and was answered (tokens as the answers' usage gave
     * them), by the {@value #ROLE_HEADER} header; a role never seen is all zeros.
     */
    public RoleUsage usage(String role) {
        return completions.usage(role);
    }

    /** Requests of a role, and the prompt and completion tokens of the answers it got. */
    public record RoleUsage(long requests, long promptTokens, long completionTokens) {

        public long tokens() {
            return promptTokens + completionTokens;
        }
    }

    @Override
    public void close() {
        http.stop(0);
        // Interrupts answers that are still pacing or stalling, so closing never waits for them.
        pool.shutdownNow();
    }

    private static List<String> modelIds(SimulatorConfig config) {
        List<String> names = config.scenario().modelNames();
        if (names.isEmpty()) {
            return List.of(Payloads.MODEL_PREFIX + "any");
        }
        return names.stream().map(name -> Payloads.MODEL_PREFIX + name).toList();
    }

    private static void reply(HttpExchange exchange, int status, String json) throws IOException {
        try (exchange) {
            JsonReply.send(exchange, status, json);
        }
    }

    private static ThreadFactory daemonThreads() {
        int server = SERVERS.incrementAndGet();
        AtomicInteger threads = new AtomicInteger();
        return task -> {
            Thread thread = new Thread(task, "simulated-model-" + server + "-" + threads.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }
}

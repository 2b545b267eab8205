package dev.ratchet.simulator;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.logging.Level;
import java.util.logging.Logger;

/** {@code POST /v1/chat/completions}: finds the scenario rule for a request and plays its answer. */
final class ChatCompletionsHandler implements HttpHandler {

    private static final Logger LOG = Logger.getLogger("dev.ratchet.simulator");

    /** Request bodies kept for tests to look at (a few conversations' worth; older ones are dropped). */
    static final int KEPT_REQUESTS = 256;

    private final SimulatorConfig config;
    private final AtomicLong requests = new AtomicLong();
    private final Deque<String> recent = new ArrayDeque<>();
    private final RoleTally roles = new RoleTally();

    ChatCompletionsHandler(SimulatorConfig config) {
        this.config = config;
    }

    long requestCount() {
        return requests.get();
    }

    /** The bodies of the last {@link #KEPT_REQUESTS} chat requests, oldest first. */
    List<String> recentRequests() {
        synchronized (recent) {
            return List.copyOf(recent);
        }
    }

    private void keep(byte[] body) {
        synchronized (recent) {
            if (recent.size() == KEPT_REQUESTS) {
                recent.removeFirst();
            }
            recent.addLast(new String(body, StandardCharsets.UTF_8));
        }
    }

    SimulatedModelServer.RoleUsage usage(String role) {
        return roles.usage(role);
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        long start = System.nanoTime();
        long number = requests.incrementAndGet();
        String role = roles.request(exchange.getRequestHeaders().getFirst(SimulatedModelServer.ROLE_HEADER));
        try (exchange) {
            respond(exchange, start, number, role);
        } catch (IOException e) {
            // The client hung up, typically its timeout; nothing left to answer.
            LOG.log(Level.FINE, "simulated request #" + number + " aborted: " + e.getMessage());
        }
    }

    private void respond(HttpExchange exchange, long start, long number, String role) throws IOException {
        if (!"POST".equals(exchange.getRequestMethod())) {
            JsonReply.error(exchange, 405, "use POST for /v1/chat/completions");
            return;
        }
        ChatCall call;
        byte[] body = exchange.getRequestBody().readAllBytes();
        keep(body);
        try {
            call = ChatCall.parse(body);
        } catch (ChatCall.BadRequest e) {
            JsonReply.error(exchange, 400, e.getMessage());
            return;
        }
        if (call.maxTokens() && config.scenario().rejectsMaxTokens(call.model())) {
            // Checked before any rule, as a real server validates parameters first: no rule use is spent.
            LOG.fine(() -> "simulated request #" + number + " model=" + call.model() + ": max_tokens rejected");
            JsonReply.maxTokensUnsupported(exchange);
            return;
        }
        if (call.jsonSchema() != null && config.scenario().rejectsJsonSchema(call.model())) {
            LOG.fine(() -> "simulated request #" + number + " model=" + call.model() + ": json_schema rejected");
            JsonReply.jsonSchemaUnsupported(exchange);
            return;
        }
        Optional<ScenarioRule> rule = config.scenario().claim(call.model(), call.conversation(), call.seed());
        if (rule.isEmpty()) {
            LOG.fine(() -> "simulated request #" + number + " model=" + call.model() + ": no rule matches");
            JsonReply.error(exchange, 400, "no scenario rule matches (model=" + call.model()
                    + ", scenario=" + config.scenario().name() + ")");
            return;
        }
        answer(exchange, call, rule.get(), start, number, role);
    }

    private void answer(HttpExchange exchange, ChatCall call, ScenarioRule rule, long start, long number,
            String role) throws IOException {
        ScriptedResponse response = rule.response();
        long answerStart = start + response.stall().toNanos();
        Pace.parkUntil(answerStart);
        LOG.fine(() -> "simulated request #" + number + " model=" + call.model() + " rule='" + rule.name()
                + "' status=" + response.status() + " stream=" + call.stream());
        if (response.status() != 200) {
            JsonReply.error(exchange, response.status(), response.errorMessageOrDefault());
            return;
        }
        ScriptedResponse played = response;
        if (call.jsonSchema() != null && response.toolCalls().isEmpty()) {
            try {
                played = response.withContent(StructuredAnswer.of(response.content(), call.jsonSchema()));
            } catch (StructuredAnswer.Mismatch e) {
                LOG.warning("simulated request #" + number + ": rule '" + rule.name() + "' " + e.getMessage());
                JsonReply.error(exchange, 500, "the scripted answer of rule '" + rule.name() + "' (scenario "
                        + config.scenario().name() + ") " + e.getMessage() + "; a real server's answer always "
                        + "matches response_format");
                return;
            }
        }
        Duration ttft = played.timeToFirstTokenOr(config.timeToFirstToken());
        Pace pace = Pace.startingAt(answerStart, ttft, played.tokensPerSecondOr(config.tokensPerSecond()));
        Payloads payloads = new Payloads("chatcmpl-sim-" + number, Instant.now().getEpochSecond(), call.model());
        AnswerWriter writer = new AnswerWriter(exchange, payloads, pace, played, number,
                PseudoTokenizer.count(call.conversation()));
        if (call.stream()) {
            writer.stream(played.finishReason(), call.includeUsage());
        } else {
            writer.whole(played.finishReason());
        }
        roles.answered(role, writer.promptTokens(), writer.completionTokens());
    }
}

package dev.ratchet.simulator;

import com.sun.net.httpserver.HttpExchange;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

/** Sends one scripted answer at the scripted pace, either as server-sent events or as one JSON body. */
final class AnswerWriter {

    private static final byte[] DONE = "data: [DONE]\n\n".getBytes(StandardCharsets.UTF_8);

    private final HttpExchange exchange;
    private final Payloads payloads;
    private final Pace pace;
    private final List<String> tokens;
    private final int promptTokens;

    AnswerWriter(HttpExchange exchange, Payloads payloads, Pace pace, String content, int promptTokens) {
        this.exchange = exchange;
        this.payloads = payloads;
        this.pace = pace;
        this.tokens = PseudoTokenizer.split(content);
        this.promptTokens = promptTokens;
    }

    int promptTokens() {
        return promptTokens;
    }

    int completionTokens() {
        return tokens.size();
    }

    void stream(String finishReason, boolean includeUsage) throws IOException {
        exchange.getResponseHeaders().set("Content-Type", "text/event-stream; charset=utf-8");
        exchange.getResponseHeaders().set("Cache-Control", "no-cache");
        exchange.sendResponseHeaders(200, 0);
        OutputStream out = exchange.getResponseBody();
        send(out, payloads.roleChunk());
        Pace.parkUntil(pace.dueNanos(0));
        int next = 0;
        while (next < tokens.size()) {
            Pace.parkUntil(pace.dueNanos(next));
            // Everything already due goes out in one chunk: at high rates a write per token would
            // make the socket, not the scripted rate, the bottleneck.
            long now = System.nanoTime();
            StringBuilder text = new StringBuilder(tokens.get(next++));
            while (next < tokens.size() && pace.dueNanos(next) <= now) {
                text.append(tokens.get(next++));
            }
            send(out, payloads.contentChunk(text.toString()));
        }
        send(out, payloads.finishChunk(finishReason));
        if (includeUsage) {
            send(out, payloads.usageChunk(promptTokens, tokens.size()));
        }
        out.write(DONE);
        out.flush();
    }

    void whole(String content, String finishReason) throws IOException {
        Pace.parkUntil(pace.dueNanos(Math.max(0, tokens.size() - 1)));
        byte[] body = payloads.completion(content, finishReason, promptTokens, tokens.size())
                .getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(200, body.length);
        exchange.getResponseBody().write(body);
    }

    private static void send(OutputStream out, String json) throws IOException {
        out.write(("data: " + json + "\n\n").getBytes(StandardCharsets.UTF_8));
        out.flush();
    }
}

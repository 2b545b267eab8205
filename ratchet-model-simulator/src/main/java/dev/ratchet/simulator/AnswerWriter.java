package dev.ratchet.simulator;

import com.sun.net.httpserver.HttpExchange;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Sends one scripted answer at the scripted pace, either as server-sent events or as one JSON body. An answer is a
 * sequence of pseudo-tokens: the content's, then for each tool call one for its name and those of its arguments;
 * streamed, they become OpenAI's chunks (content deltas, then per call a chunk with its id, type and name and chunks
 * with fragments of its arguments, as in the recorded stream of shared/fixtures/openai).
 */
final class AnswerWriter {

    private static final byte[] DONE = "data: [DONE]\n\n".getBytes(StandardCharsets.UTF_8);
    private static final int CONTENT = -1;

    /** One pseudo-token: of the content ({@code call} = -1), or a call's start or a fragment of its arguments. */
    private record Piece(int call, boolean start, String text) {
    }

    private final HttpExchange exchange;
    private final Payloads payloads;
    private final Pace pace;
    private final String content;
    private final List<ScriptedToolCall> calls;
    private final List<String> callIds;
    private final List<Piece> pieces = new ArrayList<>();
    private final int promptTokens;

    AnswerWriter(HttpExchange exchange, Payloads payloads, Pace pace, ScriptedResponse response, long requestNumber,
            int promptTokens) {
        this.exchange = exchange;
        this.payloads = payloads;
        this.pace = pace;
        this.content = response.content();
        this.calls = response.toolCalls();
        this.callIds = new ArrayList<>();
        this.promptTokens = promptTokens;
        PseudoTokenizer.split(content).forEach(t -> pieces.add(new Piece(CONTENT, false, t)));
        for (int i = 0; i < calls.size(); i++) {
            callIds.add(calls.get(i).idFor(requestNumber, i));
            pieces.add(new Piece(i, true, calls.get(i).name()));
            for (String t : PseudoTokenizer.split(calls.get(i).arguments())) {
                pieces.add(new Piece(i, false, t));
            }
        }
    }

    int promptTokens() {
        return promptTokens;
    }

    int completionTokens() {
        return pieces.size();
    }

    void stream(String finishReason, boolean includeUsage) throws IOException {
        exchange.getResponseHeaders().set("Content-Type", "text/event-stream; charset=utf-8");
        exchange.getResponseHeaders().set("Cache-Control", "no-cache");
        exchange.sendResponseHeaders(200, 0);
        OutputStream out = exchange.getResponseBody();
        send(out, content.isEmpty() && !calls.isEmpty() ? payloads.toolRoleChunk() : payloads.roleChunk());
        Pace.parkUntil(pace.dueNanos(0));
        int next = 0;
        while (next < pieces.size()) {
            Pace.parkUntil(pace.dueNanos(next));
            // Everything already due goes out in one chunk: at high rates a write per token would
            // make the socket, not the scripted rate, the bottleneck. A call's start is a chunk of its own.
            long now = System.nanoTime();
            Piece first = pieces.get(next++);
            if (first.start()) {
                send(out, payloads.toolCallStart(first.call(), callIds.get(first.call()), first.text()));
                continue;
            }
            StringBuilder text = new StringBuilder(first.text());
            while (next < pieces.size() && pace.dueNanos(next) <= now && pieces.get(next).call() == first.call()
                    && !pieces.get(next).start()) {
                text.append(pieces.get(next++).text());
            }
            send(out, first.call() == CONTENT ? payloads.contentChunk(text.toString())
                    : payloads.toolCallArguments(first.call(), text.toString()));
        }
        send(out, payloads.finishChunk(finishReason));
        if (includeUsage) {
            send(out, payloads.usageChunk(promptTokens, pieces.size()));
        }
        out.write(DONE);
        out.flush();
    }

    void whole(String finishReason) throws IOException {
        Pace.parkUntil(pace.dueNanos(Math.max(0, pieces.size() - 1)));
        byte[] body = payloads.completion(content, calls, callIds, finishReason, promptTokens, pieces.size())
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

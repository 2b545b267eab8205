package dev.ratchet.models;

import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** A tiny JDK HTTP server that records each request and answers with the next scripted reply. */
final class ScriptedHttpServer implements AutoCloseable {

    /** One scripted reply. */
    interface Reply {
        void send(HttpExchange exchange) throws IOException;
    }

    /** What a request carried. */
    record Received(Headers headers, String body) {

        String authorization() {
            return headers.getFirst("Authorization");
        }
    }

    private final HttpServer http;
    private final List<Received> received = new CopyOnWriteArrayList<>();

    ScriptedHttpServer(Reply... replies) throws IOException {
        http = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        http.createContext("/v1/chat/completions", exchange -> {
            try (exchange) {
                String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
                received.add(new Received(exchange.getRequestHeaders(), body));
                replies[Math.min(received.size(), replies.length) - 1].send(exchange);
            }
        });
        http.start();
    }

    static Reply events(String contentType, String body) {
        return exchange -> {
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", contentType);
            exchange.sendResponseHeaders(200, bytes.length);
            exchange.getResponseBody().write(bytes);
        };
    }

    URI baseUrl() {
        return URI.create("http://127.0.0.1:" + http.getAddress().getPort() + "/v1");
    }

    List<Received> received() {
        return received;
    }

    @Override
    public void close() {
        http.stop(0);
    }
}

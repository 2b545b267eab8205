package dev.ratchet.simulator;

import com.sun.net.httpserver.HttpExchange;

import java.io.IOException;
import java.nio.charset.StandardCharsets;

/** Sends small, complete JSON bodies, including OpenAI-style errors. */
final class JsonReply {

    static final String ERROR_PREFIX = "simulated model: ";

    private JsonReply() {
    }

    static void send(HttpExchange exchange, int status, String json) throws IOException {
        byte[] body = json.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, body.length);
        exchange.getResponseBody().write(body);
    }

    /** An error body shaped like OpenAI's, with a message that always says the model is simulated. */
    static void error(HttpExchange exchange, int status, String message) throws IOException {
        if (status == 429) {
            exchange.getResponseHeaders().set("Retry-After", "0");
        }
        send(exchange, status, Payloads.error(ERROR_PREFIX + message, errorType(status), null, null));
    }

    /**
     * OpenAI's answer to {@code max_tokens} for GPT-5 and o-series models: 400, {@code invalid_request_error},
     * {@code param: "max_tokens"}, {@code code: "unsupported_parameter"}, its message after the simulated prefix.
     */
    static void maxTokensUnsupported(HttpExchange exchange) throws IOException {
        send(exchange, 400, Payloads.error(ERROR_PREFIX + "Unsupported parameter: 'max_tokens' is not supported with "
                + "this model. Use 'max_completion_tokens' instead.", "invalid_request_error", "max_tokens",
                "unsupported_parameter"));
    }

    /**
     * OpenAI's answer to {@code response_format} {@code json_schema} for a model without structured outputs: 400,
     * {@code invalid_request_error}, {@code param: "response_format"}, its message after the simulated prefix.
     */
    static void jsonSchemaUnsupported(HttpExchange exchange) throws IOException {
        send(exchange, 400, Payloads.error(ERROR_PREFIX + "Invalid parameter: 'response_format' of type "
                + "'json_schema' is not supported with this model.", "invalid_request_error", "response_format",
                null));
    }

    private static String errorType(int status) {
        if (status == 429) {
            return "rate_limit_error";
        }
        if (status == 404) {
            return "not_found_error";
        }
        return status >= 500 ? "server_error" : "invalid_request_error";
    }
}

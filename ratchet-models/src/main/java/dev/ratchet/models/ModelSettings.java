package dev.ratchet.models;

import java.net.URI;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * Where and how to call one OpenAI-compatible Chat Completions model.
 *
 * @param role           what the model is for ("planner", "executor"); used in error messages and logs
 * @param baseUrl        the API base, e.g. {@code http://127.0.0.1:8090/v1}; requests go to {@code baseUrl + "/chat/completions"}
 * @param model          the model name sent in every request
 * @param apiKey         sent as {@code Authorization: Bearer <key>} when present
 * @param timeout        deadline of one attempt, from sending the request to the end of the streamed answer
 * @param maxRetries     retries after the first attempt; 0 means one attempt only
 * @param initialBackoff wait before the first retry; each later retry waits twice as long, ±20 %
 * @param maxBackoff     cap on any wait between attempts, including a server's {@code Retry-After}
 * @param request        what each request carries for this provider: token-limit field, reasoning effort,
 *                       temperature, seed, extra headers
 */
public record ModelSettings(String role, URI baseUrl, String model, Optional<String> apiKey, Duration timeout,
                            int maxRetries, Duration initialBackoff, Duration maxBackoff, RequestSettings request) {

    /** With {@link RequestSettings#DEFAULTS}, which suit OpenAI's current models. */
    public ModelSettings(String role, URI baseUrl, String model, Optional<String> apiKey, Duration timeout,
                         int maxRetries, Duration initialBackoff, Duration maxBackoff) {
        this(role, baseUrl, model, apiKey, timeout, maxRetries, initialBackoff, maxBackoff, RequestSettings.DEFAULTS);
    }

    public ModelSettings {
        requireText(role, "role");
        Objects.requireNonNull(baseUrl, "baseUrl");
        requireText(model, "model");
        apiKey = apiKey == null ? Optional.empty() : apiKey.filter(key -> !key.isBlank());
        Objects.requireNonNull(timeout, "timeout");
        Objects.requireNonNull(initialBackoff, "initialBackoff");
        Objects.requireNonNull(maxBackoff, "maxBackoff");
        Objects.requireNonNull(request, "request");
        if (timeout.isZero() || timeout.isNegative()) {
            throw new IllegalArgumentException("timeout must be positive, was " + timeout);
        }
        if (maxRetries < 0) {
            throw new IllegalArgumentException("maxRetries must not be negative, was " + maxRetries);
        }
        if (initialBackoff.isNegative() || maxBackoff.isNegative()) {
            throw new IllegalArgumentException("backoff durations must not be negative");
        }
    }

    public ModelSettings withRequest(RequestSettings newRequest) {
        return new ModelSettings(role, baseUrl, model, apiKey, timeout, maxRetries, initialBackoff, maxBackoff, newRequest);
    }

    /** The URL the client posts to. */
    public URI chatCompletionsUrl() {
        String base = baseUrl.toString();
        while (base.endsWith("/")) {
            base = base.substring(0, base.length() - 1);
        }
        return URI.create(base + "/chat/completions");
    }

    /** Keeps the API key and the extra headers' values out of logs and exception messages. */
    @Override
    public String toString() {
        return "ModelSettings[role=" + role + ", baseUrl=" + baseUrl + ", model=" + model
                + ", apiKey=" + (apiKey.isPresent() ? "***" : "none") + ", timeout=" + timeout
                + ", maxRetries=" + maxRetries + ", initialBackoff=" + initialBackoff + ", maxBackoff=" + maxBackoff
                + ", request=" + request + "]";
    }

    private static void requireText(String value, String name) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(name + " must not be blank");
        }
    }
}

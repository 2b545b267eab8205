package dev.ratchet.models;

import java.net.http.HttpClient;
import java.time.Duration;
import java.util.Objects;
import java.util.logging.Logger;

/**
 * Calls one OpenAI-compatible Chat Completions model, always streaming, retrying transient failures with
 * exponential backoff. Thread-safe: one client can serve many concurrent calls.
 */
public final class ChatClient {

    private static final Logger LOG = Logger.getLogger("dev.ratchet.models");

    private final ModelSettings settings;
    private final Attempt attempt;
    private final Backoff backoff;

    public ChatClient(ModelSettings settings) {
        this(settings, HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(settings.timeout())
                .build());
    }

    public ChatClient(ModelSettings settings, HttpClient http) {
        this(settings, http, new Backoff(settings.initialBackoff(), settings.maxBackoff()));
    }

    ChatClient(ModelSettings settings, HttpClient http, Backoff backoff) {
        this.settings = Objects.requireNonNull(settings, "settings");
        this.attempt = new Attempt(Objects.requireNonNull(http, "http"), settings);
        this.backoff = backoff;
    }

    public ModelSettings settings() {
        return settings;
    }

    /**
     * Sends the request and waits for the whole answer.
     *
     * @throws ModelCallException on a non-retryable error, or when every attempt failed
     */
    public ChatResult complete(ChatRequest request) throws ModelCallException {
        byte[] body = RequestBody.encode(settings, request);
        long start = System.nanoTime();
        int maxAttempts = settings.maxRetries() + 1;
        for (int number = 1; ; number++) {
            try {
                return attempt.run(body, start, number);
            } catch (AttemptFailure failure) {
                if (!failure.retryable() || number >= maxAttempts) {
                    throw giveUp(number, failure);
                }
                Duration wait = backoff.delay(number, failure.retryAfter());
                LOG.info(() -> describe() + " attempt failed (" + failure.getMessage() + "); retrying in "
                        + wait.toMillis() + " ms");
                pause(wait, number, failure);
            }
        }
    }

    private void pause(Duration wait, int attempts, AttemptFailure failure) throws ModelCallException {
        try {
            Thread.sleep(wait.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ModelCallException(describe() + " interrupted after " + plural(attempts) + ": "
                    + failure.getMessage(), attempts, failure.status(), e);
        }
    }

    private ModelCallException giveUp(int attempts, AttemptFailure failure) {
        return new ModelCallException(describe() + " failed after " + plural(attempts) + ": " + failure.getMessage(),
                attempts, failure.status(), failure);
    }

    private String describe() {
        return settings.role() + " model '" + settings.model() + "' at " + settings.baseUrl();
    }

    private static String plural(int attempts) {
        return attempts + (attempts == 1 ? " attempt" : " attempts");
    }
}

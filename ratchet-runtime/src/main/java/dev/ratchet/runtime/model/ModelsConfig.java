package dev.ratchet.runtime.model;

import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

import dev.ratchet.models.TokenLimitField;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithConverter;
import io.smallrye.config.WithDefault;

/**
 * One OpenAI-compatible endpoint per role. Locally both point at the SIMULATED model server; set
 * {@code RATCHET_MODELS_PLANNER_BASE_URL} / {@code RATCHET_MODELS_EXECUTOR_BASE_URL} (and the API keys) for real
 * models. The request settings default to what OpenAI's current models accept; change them per provider.
 */
@ConfigMapping(prefix = "ratchet.models")
public interface ModelsConfig {

    Role planner();

    Role executor();

    interface Role {

        @WithDefault("http://127.0.0.1:8090/v1")
        URI baseUrl();

        String model();

        /** Sent as a bearer token; leave unset for endpoints without authentication (like the simulator). */
        Optional<String> apiKey();

        /** Per attempt, for the whole streamed answer. */
        @WithDefault("120s")
        Duration timeout();

        @WithDefault("3")
        int maxRetries();

        @WithDefault("200ms")
        Duration initialBackoff();

        @WithDefault("5s")
        Duration maxBackoff();

        /**
         * The JSON field of the output-token limit: {@code max_completion_tokens} (OpenAI's GPT-5 and o-series reject
         * {@code max_tokens} with HTTP 400), {@code max_tokens} (Ollama's OpenAI-compatible endpoint), or {@code none}.
         */
        @WithDefault("max_completion_tokens")
        @WithConverter(TokenLimitFieldConverter.class)
        TokenLimitField tokenLimitField();

        /** {@code reasoning_effort}, sent only when set (e.g. {@code low}; the names are the provider's). */
        Optional<String> reasoningEffort();

        /** {@code temperature}, sent only when set; GPT-5 and o-series models accept only their default. */
        Optional<Double> temperature();

        /** {@code seed}, sent only when set. */
        Optional<Long> seed();

        /** Extra HTTP headers by name, e.g. {@code OpenAI-Project}; values are never logged. */
        Map<String, String> headers();

        /**
         * The model's context window in tokens (128k: GPT-4o's and most current models'); the executor keeps every
         * request of a step within a share of it.
         */
        @WithDefault("128000")
        int contextWindow();
    }
}

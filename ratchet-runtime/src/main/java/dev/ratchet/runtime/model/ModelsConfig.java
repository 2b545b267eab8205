package dev.ratchet.runtime.model;

import java.net.URI;
import java.time.Duration;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * One OpenAI-compatible endpoint per role. Locally both point at the SIMULATED model server; set
 * {@code RATCHET_MODELS_PLANNER_BASE_URL} / {@code RATCHET_MODELS_EXECUTOR_BASE_URL} (and the API keys) for real
 * models.
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
    }
}

package dev.ratchet.runtime.model;

import org.junit.jupiter.api.Test;

import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

import dev.ratchet.models.RequestSettings;
import dev.ratchet.models.TokenLimitField;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** How a role's configuration becomes client settings. */
class ModelClientsTest {

    /** A role as {@link ModelsConfig} would hand it over, with the mapping's defaults. */
    record Role(URI baseUrl, String model, Optional<String> apiKey, Duration timeout, int maxRetries,
                Duration initialBackoff, Duration maxBackoff, TokenLimitField tokenLimitField,
                Optional<String> reasoningEffort, Optional<Double> temperature, Optional<Long> seed,
                Map<String, String> headers) implements ModelsConfig.Role {

        /** The mapping's default; the executor reads it, the clients do not. */
        @Override
        public int contextWindow() {
            return 128_000;
        }

        static Role defaults() {
            return new Role(URI.create("http://127.0.0.1:8090/v1"), "gpt-5.3-codex-spark", Optional.empty(),
                    Duration.ofSeconds(120), 3, Duration.ofMillis(200), Duration.ofSeconds(5),
                    new TokenLimitFieldConverter().convert("max_completion_tokens"), Optional.empty(), Optional.empty(),
                    Optional.empty(), Map.of());
        }

        Role with(TokenLimitField field, String effort, Double temp, Long seedValue, Map<String, String> extra) {
            return new Role(baseUrl, model, apiKey, timeout, maxRetries, initialBackoff, maxBackoff, field,
                    Optional.ofNullable(effort), Optional.ofNullable(temp), Optional.ofNullable(seedValue), extra);
        }
    }

    @Test
    void theMappingsDefaultsGiveTheClientsDefaults() {
        assertThat(ModelClients.settings("executor", Role.defaults()).request()).isEqualTo(RequestSettings.DEFAULTS);
    }

    @Test
    void aRolesRequestSettingsReachTheClient() {
        Role role = Role.defaults().with(TokenLimitField.MAX_TOKENS, "low", 0.2, 7L, Map.of("OpenAI-Project", "proj_1"));

        assertThat(ModelClients.settings("executor", role).request()).isEqualTo(new RequestSettings(
                TokenLimitField.MAX_TOKENS, Optional.of("low"), Optional.of(0.2), Optional.of(7L),
                Map.of("OpenAI-Project", "proj_1")));
    }

    @Test
    void aDotInAHeaderNameIsReadAsADashSoTheEnvironmentVariableFormWorks() {
        // RATCHET_MODELS_EXECUTOR_HEADERS_OPENAI_PROJECT reaches the mapping as the key "openai.project".
        Role role = Role.defaults().with(TokenLimitField.MAX_COMPLETION_TOKENS, null, null, null,
                Map.of("openai.project", "proj_env"));

        assertThat(ModelClients.settings("executor", role).request().headers())
                .containsExactly(Map.entry("openai-project", "proj_env"));
    }

    @Test
    void badValuesNameTheRolesPropertiesAndHideHeaderValues() {
        Role hot = Role.defaults().with(TokenLimitField.MAX_COMPLETION_TOKENS, null, 5.0, null, Map.of());
        Role bearer = Role.defaults().with(TokenLimitField.MAX_COMPLETION_TOKENS, null, null, null,
                Map.of("Authorization", "Bearer sk-x"));

        assertThatThrownBy(() -> ModelClients.settings("executor", hot))
                .hasMessage("ratchet.models.executor: temperature must be between 0 and 2, was 5.0");
        assertThatThrownBy(() -> ModelClients.settings("planner", bearer))
                .hasMessageStartingWith("ratchet.models.planner: extra header Authorization is set by the client itself")
                .hasMessageNotContaining("sk-x");
        assertThatThrownBy(() -> new TokenLimitFieldConverter().convert("max-tokens"))
                .hasMessage("token limit field must be one of [max_completion_tokens, max_tokens, none], was 'max-tokens'");
    }
}

package dev.ratchet.models;

import org.junit.jupiter.api.Test;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ValuesTest {

    private static ModelSettings settings(String baseUrl, Optional<String> key) {
        return new ModelSettings("executor", URI.create(baseUrl), "fast", key, Duration.ofSeconds(1), 2,
                Duration.ofMillis(10), Duration.ofMillis(100));
    }

    @Test
    void tokensPerSecondIsCompletionTokensOverDecodeTime() {
        Usage usage = new Usage(10, 500, 510);

        assertThat(new ChatResult("m", "x", null, "stop", List.of(), usage, 100, 600, 1).tokensPerSecond()).isEqualTo(1000.0);
        assertThat(new ChatResult("m", "x", null, "stop", List.of(), usage, 600, 600, 1).tokensPerSecond()).isZero();
        assertThat(new ChatResult("m", "x", null, "stop", List.of(), Usage.NONE, 100, 600, 1).tokensPerSecond()).isZero();
    }

    @Test
    void chatCompletionsUrlToleratesATrailingSlash() {
        assertThat(settings("http://h:1/v1", Optional.empty()).chatCompletionsUrl())
                .isEqualTo(URI.create("http://h:1/v1/chat/completions"));
        assertThat(settings("http://h:1/v1/", Optional.empty()).chatCompletionsUrl())
                .isEqualTo(URI.create("http://h:1/v1/chat/completions"));
    }

    @Test
    void settingsNeverPrintTheApiKey() {
        ModelSettings settings = settings("http://h:1/v1", Optional.of("sk-secret"));

        assertThat(settings.toString()).doesNotContain("sk-secret").contains("apiKey=***");
        assertThat(settings("http://h:1/v1", Optional.of(" ")).apiKey()).isEmpty();
    }

    @Test
    void invalidSettingsAndRequestsAreRejected() {
        assertThatThrownBy(() -> new ModelSettings("executor", URI.create("http://h/v1"), "m", Optional.empty(),
                Duration.ZERO, 0, Duration.ZERO, Duration.ZERO)).hasMessageContaining("timeout");
        assertThatThrownBy(() -> new ModelSettings("executor", URI.create("http://h/v1"), "m", Optional.empty(),
                Duration.ofSeconds(1), -1, Duration.ZERO, Duration.ZERO)).hasMessageContaining("maxRetries");
        assertThatThrownBy(() -> new ChatRequest(List.of(), null, null, false)).hasMessageContaining("at least one message");
    }
}

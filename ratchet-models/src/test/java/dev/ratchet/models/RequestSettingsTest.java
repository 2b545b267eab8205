package dev.ratchet.models;

import org.junit.jupiter.api.Test;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RequestSettingsTest {

    @Test
    void defaultsSuitOpenAisCurrentModels() {
        assertThat(RequestSettings.DEFAULTS.tokenLimitField()).isEqualTo(TokenLimitField.MAX_COMPLETION_TOKENS);
        assertThat(RequestSettings.DEFAULTS.reasoningEffort()).isEmpty();
        assertThat(RequestSettings.DEFAULTS.temperature()).isEmpty();
        assertThat(RequestSettings.DEFAULTS.seed()).isEmpty();
        assertThat(RequestSettings.DEFAULTS.headers()).isEmpty();
        assertThat(new ModelSettings("executor", URI.create("http://h/v1"), "m", Optional.empty(), Duration.ofSeconds(1),
                0, Duration.ZERO, Duration.ZERO).request()).isEqualTo(RequestSettings.DEFAULTS);
    }

    @Test
    void tokenLimitFieldIsConfiguredByItsJsonName() {
        assertThat(TokenLimitField.fromConfig("max_completion_tokens")).isEqualTo(TokenLimitField.MAX_COMPLETION_TOKENS);
        assertThat(TokenLimitField.fromConfig(" MAX_TOKENS ")).isEqualTo(TokenLimitField.MAX_TOKENS);
        assertThat(TokenLimitField.fromConfig("none").jsonField()).isEmpty();
        assertThat(TokenLimitField.MAX_TOKENS.jsonField()).hasValue("max_tokens");
        assertThatThrownBy(() -> TokenLimitField.fromConfig("max-tokens"))
                .hasMessage("token limit field must be one of [max_completion_tokens, max_tokens, none], was 'max-tokens'");
    }

    @Test
    void headerValuesNeverAppearInSettingsText() {
        RequestSettings request = RequestSettings.DEFAULTS.withReasoningEffort("low").withSeed(7)
                .withHeaders(Map.of("OpenAI-Project", "proj_secret", "X-Api-Token", "tok-secret"));
        ModelSettings settings = new ModelSettings("executor", URI.create("http://h/v1"), "m", Optional.of("sk-secret"),
                Duration.ofSeconds(1), 0, Duration.ZERO, Duration.ZERO, request);

        assertThat(settings.toString()).doesNotContain("proj_secret", "tok-secret", "sk-secret")
                .contains("headers=[OpenAI-Project, X-Api-Token]", "tokenLimitField=max_completion_tokens",
                        "reasoningEffort=low", "seed=7", "temperature=unset");
    }

    @Test
    void blankReasoningEffortCountsAsUnset() {
        assertThat(RequestSettings.DEFAULTS.withReasoningEffort(" ").reasoningEffort()).isEmpty();
        assertThat(RequestSettings.DEFAULTS.withReasoningEffort(" high ").reasoningEffort()).hasValue("high");
    }

    @Test
    void invalidValuesAreRejectedWithoutEchoingHeaderValues() {
        assertThatThrownBy(() -> RequestSettings.DEFAULTS.withReasoningEffort("High effort"))
                .hasMessageContaining("reasoningEffort must be a lower-case word");
        assertThatThrownBy(() -> RequestSettings.DEFAULTS.withTemperature(2.5))
                .hasMessage("temperature must be between 0 and 2, was 2.5");
        assertThatThrownBy(() -> RequestSettings.DEFAULTS.withTemperature(Double.NaN)).hasMessageContaining("temperature");
        assertThatThrownBy(() -> RequestSettings.DEFAULTS.withHeaders(Map.of("Authorization", "Bearer sk-other")))
                .hasMessage("extra header Authorization is set by the client itself (the API key is sent as the bearer token)")
                .hasMessageNotContaining("sk-other");
        assertThatThrownBy(() -> RequestSettings.DEFAULTS.withHeaders(Map.of("content-type", "text/plain")))
                .hasMessage("extra header content-type is set by the client itself");
        assertThatThrownBy(() -> RequestSettings.DEFAULTS.withHeaders(Map.of("X-Evil", "a\r\nHost: elsewhere")))
                .hasMessageContaining("extra header X-Evil needs a value").hasMessageNotContaining("elsewhere");
        assertThatThrownBy(() -> RequestSettings.DEFAULTS.withHeaders(Map.of("Bad Name", "v")))
                .hasMessage("extra header name 'Bad Name' is not a valid HTTP header name");
        assertThatThrownBy(() -> RequestSettings.DEFAULTS.withHeaders(Map.of("OpenAI-Project", "a", "openai-project", "b")))
                .hasMessageContaining("is given twice (header names ignore case)");
    }

    @Test
    void toolsAndResponseFormatsCheckTheirSchemas() {
        assertThatThrownBy(() -> new Tool("read file", "x", "{}")).hasMessageContaining("tool name must be 1-64");
        assertThatThrownBy(() -> new Tool("read_file", "x", "[]")).hasMessage("parameters of tool read_file must be a JSON object");
        assertThatThrownBy(() -> new Tool("read_file", "x", "{")).hasMessageContaining("is not valid JSON");
        assertThatThrownBy(() -> ResponseFormat.jsonSchema("plan", "\"x\"")).hasMessage("schema plan must be a JSON object");
        assertThatThrownBy(() -> new ResponseFormat("text", null, null)).hasMessageContaining("json_object or json_schema");
        assertThatThrownBy(() -> ChatRequest.of(ChatMessage.user("x")).withTools(List.of(
                new Tool("a", "x", "{}"), new Tool("a", "y", "{}")))).hasMessage("tool names must be unique");
        assertThatThrownBy(() -> new ChatMessage("tool", "result")).hasMessageContaining("a tool message needs the id");
        assertThatThrownBy(() -> new ChatMessage("user", "x", List.of(new ToolCall("c", "f", "{}")), null))
                .hasMessage("only assistant messages carry tool calls, not user");
    }
}

package dev.ratchet.models;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/**
 * The JSON field that carries a request's output-token limit. OpenAI deprecated {@code max_tokens} in favour of
 * {@code max_completion_tokens}, and its GPT-5 and o-series models reject {@code max_tokens} with HTTP 400; Cerebras,
 * Groq and vLLM take {@code max_completion_tokens} too, while Ollama's OpenAI-compatible endpoint lists only
 * {@code max_tokens}. {@link #NONE} leaves the limit to the server.
 */
public enum TokenLimitField {

    MAX_COMPLETION_TOKENS("max_completion_tokens"),
    MAX_TOKENS("max_tokens"),
    NONE("none");

    private final String configValue;

    TokenLimitField(String configValue) {
        this.configValue = configValue;
    }

    /** The JSON field name, empty for {@link #NONE}. */
    public Optional<String> jsonField() {
        return this == NONE ? Optional.empty() : Optional.of(configValue);
    }

    /** How the value is written in configuration: the JSON field name, or {@code none}. */
    public String configValue() {
        return configValue;
    }

    /**
     * Reads a configured value: {@code max_completion_tokens}, {@code max_tokens} or {@code none}, in any letter case.
     *
     * @throws IllegalArgumentException naming the accepted values
     */
    public static TokenLimitField fromConfig(String value) {
        String wanted = value == null ? "" : value.strip().toLowerCase(Locale.ROOT);
        return Arrays.stream(values()).filter(field -> field.configValue.equals(wanted)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("token limit field must be one of "
                        + Arrays.stream(values()).map(TokenLimitField::configValue).toList() + ", was '" + value + "'"));
    }
}

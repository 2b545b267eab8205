package dev.ratchet.models;

import java.util.Collections;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * What a provider needs in each request beyond the conversation: the token-limit field, and the optional
 * {@code reasoning_effort}, {@code temperature}, {@code seed} and extra HTTP headers. Optional values are sent only
 * when present, so a server never sees a parameter the operator did not ask for.
 *
 * @param tokenLimitField which JSON field carries {@link ChatRequest#maxTokens()}
 * @param reasoningEffort {@code reasoning_effort}, e.g. {@code low}; blank counts as absent
 * @param temperature     {@code temperature} when the request sets none, 0 to 2
 * @param seed            {@code seed}
 * @param headers         extra HTTP headers (a provider's project or organisation header); their values are never
 *                        printed, and they may not replace the headers the client owns
 */
public record RequestSettings(TokenLimitField tokenLimitField, Optional<String> reasoningEffort,
                              Optional<Double> temperature, Optional<Long> seed, Map<String, String> headers) {

    /** What works against OpenAI's current models: {@code max_completion_tokens} and nothing optional. */
    public static final RequestSettings DEFAULTS = new RequestSettings(TokenLimitField.MAX_COMPLETION_TOKENS,
            Optional.empty(), Optional.empty(), Optional.empty(), Map.of());

    // Effort names differ per provider (OpenAI: none..xhigh, Groq: none/default/low/medium/high); only the shape is ours.
    private static final Pattern EFFORT = Pattern.compile("[a-z_]{1,32}");
    // RFC 9110 token characters.
    private static final Pattern HEADER_NAME = Pattern.compile("[!#$%&'*+.^_`|~0-9A-Za-z-]{1,128}");
    // The client writes Authorization (from the API key), Content-Type and Accept; the JDK owns the others.
    private static final Set<String> RESERVED_HEADERS = Set.of("authorization", "content-type", "accept",
            "content-length", "connection", "expect", "host", "upgrade", "transfer-encoding");
    private static final int MAX_HEADERS = 32;
    // 8 KiB is the smallest header-size limit among common proxies (nginx's default large_client_header_buffers).
    private static final int MAX_HEADER_VALUE_CHARS = 8 * 1024;

    public RequestSettings {
        Objects.requireNonNull(tokenLimitField, "tokenLimitField");
        reasoningEffort = reasoningEffort == null ? Optional.empty() : reasoningEffort.map(String::strip)
                .filter(effort -> !effort.isEmpty());
        reasoningEffort.ifPresent(RequestSettings::checkEffort);
        temperature = temperature == null ? Optional.empty() : temperature;
        temperature.ifPresent(RequestSettings::checkTemperature);
        seed = seed == null ? Optional.empty() : seed;
        headers = checkedHeaders(headers == null ? Map.of() : headers);
    }

    public RequestSettings withTokenLimitField(TokenLimitField field) {
        return new RequestSettings(field, reasoningEffort, temperature, seed, headers);
    }

    public RequestSettings withReasoningEffort(String effort) {
        return new RequestSettings(tokenLimitField, Optional.ofNullable(effort), temperature, seed, headers);
    }

    public RequestSettings withTemperature(double value) {
        return new RequestSettings(tokenLimitField, reasoningEffort, Optional.of(value), seed, headers);
    }

    public RequestSettings withSeed(long value) {
        return new RequestSettings(tokenLimitField, reasoningEffort, temperature, Optional.of(value), headers);
    }

    public RequestSettings withHeaders(Map<String, String> extra) {
        return new RequestSettings(tokenLimitField, reasoningEffort, temperature, seed, extra);
    }

    /** Header names only: values can be credentials. */
    @Override
    public String toString() {
        return "RequestSettings[tokenLimitField=" + tokenLimitField.configValue()
                + ", reasoningEffort=" + reasoningEffort.orElse("unset")
                + ", temperature=" + temperature.map(String::valueOf).orElse("unset")
                + ", seed=" + seed.map(String::valueOf).orElse("unset")
                + ", headers=" + headers.keySet() + "]";
    }

    private static void checkEffort(String effort) {
        if (!EFFORT.matcher(effort).matches()) {
            throw new IllegalArgumentException("reasoningEffort must be a lower-case word such as low, medium or high, was '"
                    + effort + "'");
        }
    }

    private static void checkTemperature(double value) {
        if (!(value >= 0 && value <= 2)) {
            throw new IllegalArgumentException("temperature must be between 0 and 2, was " + value);
        }
    }

    /** Sorted case-insensitively, so the same header configured twice in different letter cases is caught. */
    private static Map<String, String> checkedHeaders(Map<String, String> given) {
        if (given.size() > MAX_HEADERS) {
            throw new IllegalArgumentException("at most " + MAX_HEADERS + " extra headers, got " + given.size());
        }
        SortedMap<String, String> checked = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        given.forEach((name, value) -> {
            if (name == null || !HEADER_NAME.matcher(name).matches()) {
                throw new IllegalArgumentException("extra header name '" + name + "' is not a valid HTTP header name");
            }
            if (RESERVED_HEADERS.contains(name.toLowerCase(Locale.ROOT))) {
                throw new IllegalArgumentException("extra header " + name + " is set by the client itself"
                        + (name.equalsIgnoreCase("authorization") ? " (the API key is sent as the bearer token)" : ""));
            }
            if (value == null || value.length() > MAX_HEADER_VALUE_CHARS || value.chars().anyMatch(RequestSettings::isControl)) {
                throw new IllegalArgumentException("extra header " + name + " needs a value of at most "
                        + MAX_HEADER_VALUE_CHARS + " characters without control characters");
            }
            if (checked.put(name, value) != null) {
                throw new IllegalArgumentException("extra header " + name + " is given twice (header names ignore case)");
            }
        });
        return Collections.unmodifiableSortedMap(checked);
    }

    /** CR and LF would split the header; other control characters are refused by servers. Tab is allowed. */
    private static boolean isControl(int c) {
        return (c < 0x20 && c != '\t') || c == 0x7f;
    }
}

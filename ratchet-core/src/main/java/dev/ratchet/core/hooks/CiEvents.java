package dev.ratchet.core.hooks;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.ratchet.core.json.Json;

/**
 * Reads a CI system's CloudEvent in the HTTP structured mode ({@code Content-Type: application/cloudevents+json},
 * the event as one JSON object) or the binary mode (attributes in {@code ce-*} headers, the body is {@code data}),
 * and holds it to the specification's rules (CloudEvents 1.0): {@code specversion} {@code 1.0}; {@code id},
 * {@code source} and {@code type} non-empty strings; {@code subject}, {@code datacontenttype}, {@code dataschema}
 * non-empty strings when present; {@code time} RFC 3339. Each broken rule is a {@link PayloadException} naming the
 * attribute ({@code ce-type} in binary mode, where it is a header). Nothing here is trusted further: attributes are
 * bounded and a template only ever reads them (docs/ARCHITECTURE.md, CI triggers).
 */
public final class CiEvents {

    public static final String STRUCTURED = "application/cloudevents+json";
    public static final String BATCH = "application/cloudevents-batch+json";
    public static final String HEADER_PREFIX = "ce-";
    /** The Kafka protocol binding's header prefix (binary mode) and its content-type header. */
    public static final String KAFKA_HEADER_PREFIX = "ce_";
    public static final String KAFKA_CONTENT_TYPE = "content-type";
    /** Longer ids, sources and types than this are refused: they become Redis keys and configuration lookups. */
    static final int MAX_ATTRIBUTE = 512;
    static final List<String> REQUIRED = List.of("specversion", "id", "source", "type");
    static final List<String> OPTIONAL_STRINGS = List.of("subject", "datacontenttype", "dataschema");
    /** Attribute names: lower-case letters and digits (the specification's rule), 20 at most (its advice). */
    private static final Pattern NAME = Pattern.compile("[a-z0-9]{1,20}");

    private CiEvents() {
    }

    /** The structured mode: the body is the event. */
    public static CiEvent structured(byte[] body) {
        JsonNode tree;
        try {
            tree = Json.mapper().readTree(body);
        } catch (JsonProcessingException e) {
            throw new PayloadException("body", "is not JSON: " + e.getOriginalMessage());
        } catch (IOException e) {
            throw new PayloadException("body", "cannot be read: " + e.getMessage());
        }
        if (!(tree instanceof ObjectNode event)) {
            throw new PayloadException("body", "must be a JSON object (a CloudEvent in structured mode)");
        }
        if (event.has("data") && event.has("data_base64")) {
            throw new PayloadException("data_base64", "must not be given with data");
        }
        return checked(event, "");
    }

    /**
     * The binary mode.
     *
     * @param headers every request header, by lower-case name; the {@code ce-} ones are the attributes
     * @param contentType the body's type ({@code datacontenttype}); JSON (and {@code +json}) bodies must parse
     */
    public static CiEvent binary(Map<String, String> headers, String contentType, byte[] body) {
        return binary(headers, HEADER_PREFIX, contentType, body);
    }

    /**
     * A record of the Kafka protocol binding: structured mode when its {@code content-type} header is
     * {@value #STRUCTURED} (the value is the event), else binary mode ({@code ce_*} headers, the value is
     * {@code data}, {@code content-type} its {@code datacontenttype}). The binding has no batch mode.
     *
     * @param headers the record's headers, by name (the last value of a repeated one)
     */
    public static CiEvent kafka(Map<String, String> headers, byte[] value) {
        Map<String, String> lower = new HashMap<>();
        headers.forEach((name, v) -> lower.put(name.toLowerCase(Locale.ROOT), v));
        String contentType = lower.get(KAFKA_CONTENT_TYPE);
        String type = contentType == null ? "" : contentType.split(";", 2)[0].strip().toLowerCase(Locale.ROOT);
        if (type.equals(STRUCTURED)) {
            return structured(value == null ? new byte[0] : value);
        }
        if (type.equals(BATCH)) {
            throw new PayloadException(KAFKA_CONTENT_TYPE, "is a batch: the Kafka binding carries one event a record");
        }
        if (!lower.containsKey(KAFKA_HEADER_PREFIX + "specversion")) {
            throw new PayloadException(KAFKA_HEADER_PREFIX + "specversion", "is missing: a record must be a CloudEvent"
                    + " in structured mode (content-type " + STRUCTURED + ") or binary mode (ce_* headers)");
        }
        return binary(lower, KAFKA_HEADER_PREFIX, contentType, value);
    }

    private static CiEvent binary(Map<String, String> headers, String prefix, String contentType, byte[] body) {
        ObjectNode event = Json.mapper().createObjectNode();
        headers.forEach((name, value) -> {
            String lower = name.toLowerCase(Locale.ROOT);
            if (lower.startsWith(prefix)) {
                String attribute = lower.substring(prefix.length());
                if (!NAME.matcher(attribute).matches()) {
                    throw new PayloadException(lower, "is not a CloudEvents attribute name (lower-case letters and "
                            + "digits, 20 at most)");
                }
                event.put(attribute, value);
            }
        });
        if (contentType != null && !contentType.isBlank()) {
            event.put("datacontenttype", contentType);
        }
        if (body != null && body.length > 0) {
            if (json(contentType)) {
                try {
                    event.set("data", Json.mapper().readTree(body));
                } catch (IOException e) {
                    throw new PayloadException("data", "is not JSON, though Content-Type is " + contentType);
                }
            } else {
                event.put("data", new String(body, StandardCharsets.UTF_8));
            }
        }
        return checked(event, prefix);
    }

    /** Whether a binary-mode request carries an event ({@code ce-specversion} is the one attribute always sent). */
    public static boolean isBinary(Map<String, String> headers) {
        return headers.keySet().stream().anyMatch(h -> h.equalsIgnoreCase(HEADER_PREFIX + "specversion"));
    }

    private static CiEvent checked(ObjectNode event, String prefix) {
        for (String name : REQUIRED) {
            JsonNode value = event.get(name);
            if (value == null || value.isNull()) {
                throw new PayloadException(prefix + name, "is required");
            }
            text(event, name, prefix);
        }
        if (!event.get("specversion").asText().equals("1.0")) {
            throw new PayloadException(prefix + "specversion", "must be 1.0, not '" + event.get("specversion")
                    .asText() + "'");
        }
        for (String name : OPTIONAL_STRINGS) {
            JsonNode value = event.get(name);
            if (value != null && !value.isNull()) {
                text(event, name, prefix);
            }
        }
        JsonNode time = event.get("time");
        if (time != null && !time.isNull()) {
            try {
                OffsetDateTime.parse(text(event, "time", prefix));
            } catch (DateTimeParseException e) {
                throw new PayloadException(prefix + "time", "must be an RFC 3339 timestamp");
            }
        }
        return new CiEvent(event);
    }

    private static String text(ObjectNode event, String name, String prefix) {
        JsonNode value = event.get(name);
        if (!value.isTextual() || value.asText().isEmpty()) {
            throw new PayloadException(prefix + name, "must be a non-empty string");
        }
        if (value.asText().length() > MAX_ATTRIBUTE) {
            throw new PayloadException(prefix + name, "has " + value.asText().length() + " characters, over the "
                    + "limit of " + MAX_ATTRIBUTE);
        }
        return value.asText();
    }

    private static boolean json(String contentType) {
        if (contentType == null) {
            return false;
        }
        String type = contentType.split(";", 2)[0].strip().toLowerCase(Locale.ROOT);
        return type.equals("application/json") || type.endsWith("+json") || type.equals("text/json");
    }
}

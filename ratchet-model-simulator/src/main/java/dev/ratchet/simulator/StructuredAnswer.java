package dev.ratchet.simulator;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;

import java.util.Set;
import java.util.stream.Collectors;

/**
 * A scripted answer to a request with {@code response_format: json_schema}, made what a real server's structured
 * output is: the JSON object alone (a code fence or prose around it in the scenario is dropped), and an instance of
 * the request's schema. A scripted answer that is not is a scenario error, reported as such rather than sent: a real
 * server never answers outside the schema, so a client test would otherwise pass on an answer no server gives.
 */
final class StructuredAnswer {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final JsonSchemaFactory SCHEMAS = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012);
    /** Schema errors named in the report: enough to find the scripted field, short enough to read in a log. */
    private static final int SHOWN_ERRORS = 5;

    /** The scripted content cannot be the answer; the message says why. */
    static final class Mismatch extends Exception {
        Mismatch(String message) {
            super(message);
        }
    }

    private StructuredAnswer() {
    }

    /** The JSON text the server answers for {@code content} under {@code schema}. */
    static String of(String content, JsonNode schema) throws Mismatch {
        int start = content.indexOf('{');
        int end = content.lastIndexOf('}');
        if (start < 0 || end < start) {
            throw new Mismatch("holds no JSON object");
        }
        String json = content.substring(start, end + 1);
        JsonNode value;
        try {
            value = JSON.readTree(json);
        } catch (JsonProcessingException e) {
            throw new Mismatch("is not valid JSON: " + e.getOriginalMessage());
        }
        Set<ValidationMessage> errors;
        try {
            errors = SCHEMAS.getSchema(schema).validate(value);
        } catch (RuntimeException e) {
            throw new Mismatch("cannot be checked, the request's schema is unusable: " + e.getMessage());
        }
        if (!errors.isEmpty()) {
            throw new Mismatch("does not match the schema: " + errors.stream().limit(SHOWN_ERRORS)
                    .map(ValidationMessage::getMessage).collect(Collectors.joining("; ")));
        }
        return json;
    }
}

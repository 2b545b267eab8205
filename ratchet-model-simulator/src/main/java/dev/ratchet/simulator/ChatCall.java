package dev.ratchet.simulator;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * The parts of a Chat Completions request the simulator looks at.
 *
 * @param model        the requested model name
 * @param stream       whether the client asked for server-sent events
 * @param includeUsage whether {@code stream_options.include_usage} asked for a usage chunk
 * @param conversation every message's content (tool results included) and every tool call's name and arguments,
 *                     joined with newlines, for rule matching
 * @param maxTokens    whether the request set the deprecated {@code max_tokens}
 * @param seed         the request's {@code seed}; null when it sent none (or not a whole number)
 * @param jsonSchema   the schema of {@code response_format: {"type": "json_schema", "json_schema": {"schema"}}};
 *                     null when the request asked for no structured output
 */
record ChatCall(String model, boolean stream, boolean includeUsage, String conversation, boolean maxTokens,
        Long seed, JsonNode jsonSchema) {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** Thrown for requests a real server would answer with 400. */
    static final class BadRequest extends Exception {
        BadRequest(String message) {
            super(message);
        }
    }

    static ChatCall parse(byte[] body) throws BadRequest {
        JsonNode root;
        try {
            root = JSON.readTree(body);
        } catch (JsonProcessingException e) {
            throw new BadRequest("request body is not valid JSON: " + e.getOriginalMessage());
        } catch (IOException e) {
            throw new BadRequest("request body could not be read: " + e.getMessage());
        }
        if (root == null || !root.isObject()) {
            throw new BadRequest("request body must be a JSON object");
        }
        JsonNode model = root.get("model");
        if (model == null || !model.isTextual() || model.textValue().isBlank()) {
            throw new BadRequest("missing required parameter: 'model'");
        }
        JsonNode messages = root.get("messages");
        if (messages == null || !messages.isArray() || messages.isEmpty()) {
            throw new BadRequest("missing required parameter: 'messages' (a non-empty array)");
        }
        List<String> contents = new ArrayList<>();
        for (JsonNode message : messages) {
            if (!message.isObject()) {
                throw new BadRequest("each entry of 'messages' must be an object");
            }
            contents.add(contentText(message.get("content")));
            for (JsonNode call : message.path("tool_calls")) {
                JsonNode function = call.path("function");
                contents.add(function.path("name").asText("") + " " + function.path("arguments").asText(""));
            }
        }
        return new ChatCall(model.textValue(), root.path("stream").asBoolean(false),
                root.path("stream_options").path("include_usage").asBoolean(false), String.join("\n", contents),
                root.hasNonNull("max_tokens"), root.path("seed").canConvertToLong() && root.path("seed")
                        .isIntegralNumber() ? root.path("seed").longValue() : null, jsonSchema(root));
    }

    /** The requested schema; a {@code json_schema} format without an object schema is a bad request, as at OpenAI. */
    private static JsonNode jsonSchema(JsonNode root) throws BadRequest {
        JsonNode format = root.path("response_format");
        if (!"json_schema".equals(format.path("type").asText())) {
            return null;
        }
        JsonNode schema = format.path("json_schema").path("schema");
        if (!schema.isObject()) {
            throw new BadRequest("response_format of type 'json_schema' needs 'json_schema.schema' (an object)");
        }
        return schema;
    }

    /** Content is either a string or, in the newer format, an array of parts of which only text parts count. */
    private static String contentText(JsonNode content) {
        if (content == null || content.isNull()) {
            return "";
        }
        if (content.isArray()) {
            StringBuilder text = new StringBuilder();
            for (JsonNode part : content) {
                text.append(part.path("text").asText(""));
            }
            return text.toString();
        }
        return content.asText();
    }
}

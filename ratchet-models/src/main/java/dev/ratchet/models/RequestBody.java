package dev.ratchet.models;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.UncheckedIOException;

/**
 * The JSON of a streamed Chat Completions request in OpenAI's shape; usage is always asked for so speed can be
 * measured. Optional parameters are written only when set, so a provider never sees one it was not asked for.
 */
final class RequestBody {

    private static final ObjectMapper JSON = new ObjectMapper();

    private RequestBody() {
    }

    static byte[] encode(ModelSettings settings, ChatRequest request) {
        RequestSettings options = settings.request();
        ObjectNode root = JSON.createObjectNode().put("model", settings.model());
        ArrayNode messages = root.putArray("messages");
        request.messages().forEach(m -> message(messages.addObject(), m));
        root.put("stream", true);
        root.putObject("stream_options").put("include_usage", true);
        if (request.maxTokens() != null) {
            options.tokenLimitField().jsonField().ifPresent(field -> root.put(field, request.maxTokens()));
        }
        Double temperature = request.temperature() != null ? request.temperature() : options.temperature().orElse(null);
        if (temperature != null) {
            root.put("temperature", temperature);
        }
        Long seed = request.seed() != null ? request.seed() : options.seed().orElse(null);
        if (seed != null) {
            root.put("seed", seed);
        }
        options.reasoningEffort().ifPresent(effort -> root.put("reasoning_effort", effort));
        if (request.responseFormat() != null) {
            responseFormat(root.putObject("response_format"), request.responseFormat());
        }
        if (!request.tools().isEmpty()) {
            ArrayNode tools = root.putArray("tools");
            request.tools().forEach(tool -> tools.addObject().put("type", "function").putObject("function")
                    .put("name", tool.name()).put("description", tool.description())
                    .set("parameters", JsonText.object(tool.parameters(), "parameters")));
        }
        try {
            return JSON.writeValueAsBytes(root);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void message(ObjectNode node, ChatMessage message) {
        node.put("role", message.role());
        if (message.content().isEmpty() && !message.toolCalls().isEmpty()) {
            // OpenAI's shape for an assistant turn that only called tools: content is null, not "".
            node.putNull("content");
        } else {
            node.put("content", message.content());
        }
        if (!message.toolCalls().isEmpty()) {
            ArrayNode calls = node.putArray("tool_calls");
            message.toolCalls().forEach(call -> calls.addObject().put("id", call.id()).put("type", "function")
                    .putObject("function").put("name", call.name()).put("arguments", call.arguments()));
        }
        if (message.toolCallId() != null) {
            node.put("tool_call_id", message.toolCallId());
        }
    }

    private static void responseFormat(ObjectNode node, ResponseFormat format) {
        node.put("type", format.type());
        if (ResponseFormat.JSON_SCHEMA.equals(format.type())) {
            node.putObject("json_schema").put("name", format.schemaName())
                    .put("strict", true)
                    .set("schema", JsonText.object(format.schema(), "schema"));
        }
    }
}

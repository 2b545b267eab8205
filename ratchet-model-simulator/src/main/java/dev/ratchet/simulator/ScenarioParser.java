package dev.ratchet.simulator;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.OptionalInt;
import java.util.Set;

/** Turns scenario JSON into a {@link Scenario}, rejecting unknown fields so typos fail loudly. */
final class ScenarioParser {

    /** Reads a {@code contentFile} path relative to wherever the scenario came from. */
    @FunctionalInterface
    interface ContentFiles {
        String read(String path) throws IOException;
    }

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Set<String> SCENARIO_FIELDS = Set.of("name", "rules", "rejectMaxTokensFor",
            "rejectJsonSchemaFor");
    private static final Set<String> RULE_FIELDS = Set.of("name", "match", "times", "response");
    private static final Set<String> MATCH_FIELDS = Set.of("model", "contains", "notContains", "seeds");
    private static final Set<String> RESPONSE_FIELDS = Set.of("content", "contentLines", "contentFile", "toolCalls",
            "status", "finishReason", "ttftMs", "tokensPerSecond", "stallMs", "errorMessage");
    private static final Set<String> TOOL_CALL_FIELDS = Set.of("id", "name", "arguments");

    private final String origin;
    private final ContentFiles files;

    private ScenarioParser(String origin, ContentFiles files) {
        this.origin = origin;
        this.files = files;
    }

    static Scenario parse(String json, String origin, ContentFiles files) {
        JsonNode root;
        try {
            root = JSON.readTree(json);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("scenario " + origin + " is not valid JSON: " + e.getOriginalMessage(), e);
        }
        return new ScenarioParser(origin, files).scenario(root);
    }

    private Scenario scenario(JsonNode root) {
        requireObject(root, "the scenario");
        checkFields(root, SCENARIO_FIELDS, "the scenario");
        JsonNode rulesNode = root.path("rules");
        if (!rulesNode.isArray() || rulesNode.isEmpty()) {
            throw fail("needs a non-empty \"rules\" array");
        }
        List<ScenarioRule> rules = new ArrayList<>();
        for (int i = 0; i < rulesNode.size(); i++) {
            rules.add(rule(rulesNode.get(i), "rule " + (i + 1)));
        }
        return new Scenario(text(root, "name", "the scenario", "unnamed"), rules, models(root, "rejectMaxTokensFor"),
                models(root, "rejectJsonSchemaFor"));
    }

    /** A scenario-level list of model names; a blank one would match every model. */
    private List<String> models(JsonNode root, String field) {
        List<String> models = strings(root, field, "the scenario");
        if (models.stream().anyMatch(String::isBlank)) {
            throw fail("\"" + field + "\" entries must not be blank (a blank one would match every model)");
        }
        return models;
    }

    private ScenarioRule rule(JsonNode node, String where) {
        requireObject(node, where);
        String name = text(node, "name", where, where);
        String label = where + " ('" + name + "')";
        checkFields(node, RULE_FIELDS, label);
        OptionalInt times = OptionalInt.empty();
        if (node.hasNonNull("times")) {
            JsonNode t = node.get("times");
            if (!t.canConvertToInt() || !t.isIntegralNumber() || t.intValue() < 1) {
                throw fail(label + ": \"times\" must be a positive integer");
            }
            times = OptionalInt.of(t.intValue());
        }
        JsonNode response = node.get("response");
        if (response == null || !response.isObject()) {
            throw fail(label + ": needs a \"response\" object");
        }
        return new ScenarioRule(name, match(node.get("match"), label), times, response(response, label));
    }

    private RuleMatch match(JsonNode node, String label) {
        if (node == null || node.isNull()) {
            return RuleMatch.ANY;
        }
        requireObject(node, label + " match");
        checkFields(node, MATCH_FIELDS, label + " match");
        return new RuleMatch(text(node, "model", label, null), strings(node, "contains", label),
                strings(node, "notContains", label), seeds(node.get("seeds"), label));
    }

    /** {@code match.seeds}: whole numbers; absent for any seed. */
    private List<Long> seeds(JsonNode node, String label) {
        if (node == null || node.isNull()) {
            return List.of();
        }
        if (!node.isArray()) {
            throw fail(label + " match: \"seeds\" must be an array of whole numbers");
        }
        List<Long> seeds = new ArrayList<>();
        for (JsonNode seed : node) {
            if (!seed.isIntegralNumber() || !seed.canConvertToLong()) {
                throw fail(label + " match: \"seeds\" must be an array of whole numbers, not " + seed);
            }
            seeds.add(seed.longValue());
        }
        return seeds;
    }

    private ScriptedResponse response(JsonNode node, String label) {
        checkFields(node, RESPONSE_FIELDS, label + " response");
        Double tokensPerSecond = node.hasNonNull("tokensPerSecond") ? number(node, "tokensPerSecond", label) : null;
        Duration ttft = node.hasNonNull("ttftMs") ? millis(node, "ttftMs", label) : null;
        Duration stall = node.hasNonNull("stallMs") ? millis(node, "stallMs", label) : Duration.ZERO;
        int status = node.hasNonNull("status") ? number(node, "status", label).intValue() : 200;
        String content = content(node, label);
        List<ScriptedToolCall> toolCalls = toolCalls(node.get("toolCalls"), label);
        String finishReason = text(node, "finishReason", label, toolCalls.isEmpty() ? "stop" : "tool_calls");
        String errorMessage = text(node, "errorMessage", label, null);
        try {
            return new ScriptedResponse(content, toolCalls, status, finishReason, ttft, tokensPerSecond, stall,
                    errorMessage);
        } catch (IllegalArgumentException e) {
            throw fail(label + ": " + e.getMessage());
        }
    }

    /**
     * {@code [{"name": "read_file", "arguments": {"path": "a.py"}}]}: arguments as a JSON object (sent as its
     * text) or as a string (sent exactly, so a scenario can script malformed arguments); an optional {@code id}.
     */
    private List<ScriptedToolCall> toolCalls(JsonNode node, String label) {
        if (node == null || node.isNull()) {
            return List.of();
        }
        if (!node.isArray()) {
            throw fail(label + ": \"toolCalls\" must be an array of {name, arguments, id}");
        }
        List<ScriptedToolCall> calls = new ArrayList<>();
        for (int i = 0; i < node.size(); i++) {
            JsonNode call = node.get(i);
            String where = label + " tool call " + (i + 1);
            requireObject(call, where);
            checkFields(call, TOOL_CALL_FIELDS, where);
            String name = text(call, "name", where, null);
            if (name == null || name.isBlank()) {
                throw fail(where + ": needs a \"name\"");
            }
            JsonNode arguments = call.get("arguments");
            String text;
            if (arguments == null || arguments.isNull()) {
                text = "{}";
            } else if (arguments.isObject()) {
                text = arguments.toString();
            } else if (arguments.isTextual()) {
                text = arguments.textValue();
            } else {
                throw fail(where + ": \"arguments\" must be an object or a string");
            }
            calls.add(new ScriptedToolCall(text(call, "id", where, null), name, text));
        }
        return calls;
    }

    private String content(JsonNode node, String label) {
        List<String> given = new ArrayList<>();
        for (String field : List.of("content", "contentLines", "contentFile")) {
            if (node.hasNonNull(field)) {
                given.add(field);
            }
        }
        if (given.size() > 1) {
            throw fail(label + ": give only one of content, contentLines, contentFile; found " + given);
        }
        if (node.hasNonNull("contentLines")) {
            return String.join("\n", strings(node, "contentLines", label));
        }
        if (node.hasNonNull("contentFile")) {
            String path = text(node, "contentFile", label, null);
            try {
                return files.read(path);
            } catch (IOException e) {
                throw new UncheckedIOException("scenario " + origin + " " + label + ": cannot read contentFile " + path, e);
            }
        }
        return text(node, "content", label, "");
    }

    private String text(JsonNode node, String field, String where, String fallback) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            return fallback;
        }
        if (!value.isTextual()) {
            throw fail(where + ": \"" + field + "\" must be a string");
        }
        return value.textValue();
    }

    private Double number(JsonNode node, String field, String where) {
        JsonNode value = node.get(field);
        if (!value.isNumber()) {
            throw fail(where + ": \"" + field + "\" must be a number");
        }
        return value.doubleValue();
    }

    private Duration millis(JsonNode node, String field, String where) {
        return Duration.ofNanos(Math.round(number(node, field, where) * 1_000_000));
    }

    private List<String> strings(JsonNode node, String field, String where) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            return List.of();
        }
        if (!value.isArray()) {
            throw fail(where + ": \"" + field + "\" must be an array of strings");
        }
        List<String> result = new ArrayList<>();
        for (JsonNode item : value) {
            if (!item.isTextual()) {
                throw fail(where + ": \"" + field + "\" must be an array of strings");
            }
            result.add(item.textValue());
        }
        return result;
    }

    private void requireObject(JsonNode node, String where) {
        if (node == null || !node.isObject()) {
            throw fail(where + " must be a JSON object");
        }
    }

    private void checkFields(JsonNode node, Set<String> known, String where) {
        for (Iterator<String> names = node.fieldNames(); names.hasNext(); ) {
            String field = names.next();
            if (!known.contains(field)) {
                throw fail(where + ": unknown field \"" + field + "\" (known: " + known.stream().sorted().toList() + ")");
            }
        }
    }

    private IllegalArgumentException fail(String message) {
        return new IllegalArgumentException("scenario " + origin + ": " + message);
    }
}

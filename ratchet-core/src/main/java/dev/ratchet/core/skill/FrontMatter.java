package dev.ratchet.core.skill;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

/**
 * Splits a SKILL.md into its YAML front matter and Markdown body and reads the front matter strictly: one YAML
 * mapping, each field once, only the fields the Agent Skills specification defines, each of its type.
 */
final class FrontMatter {

    static final Set<String> FIELDS = Set.of("name", "description", "license", "compatibility", "metadata",
            "allowed-tools");

    /** SnakeYAML (under Jackson) bounds aliases (50) and nesting itself; duplicates are errors, not last-wins. */
    private static final ObjectMapper YAML = new ObjectMapper(YAMLFactory.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION).build());
    private static final Pattern DELIMITER = Pattern.compile("^---[ \\t]*$", Pattern.MULTILINE);
    private static final Pattern DUPLICATE = Pattern.compile("Duplicate field '([^']*)'");

    private FrontMatter() {
    }

    /** The fields as read and the body after the closing delimiter (without the blank line that may follow it). */
    record Parts(Map<String, Object> fields, String body) {
    }

    static Parts read(String text) {
        String normalised = text.replace("\r\n", "\n");
        if (normalised.startsWith("\uFEFF")) {
            normalised = normalised.substring(1);
        }
        Matcher open = DELIMITER.matcher(normalised);
        if (!open.find() || open.start() != 0) {
            throw new SkillInvalidException(SkillRule.FRONT_MATTER_MISSING.at("SKILL.md",
                    "SKILL.md must start with YAML front matter: a '---' line"));
        }
        int yamlStart = Math.min(normalised.length(), open.end() + 1);
        if (!open.find()) {
            throw new SkillInvalidException(SkillRule.FRONT_MATTER_UNCLOSED.at("SKILL.md",
                    "the front matter is not closed with a '---' line"));
        }
        String yaml = normalised.substring(yamlStart, Math.max(yamlStart, open.start()));
        int bodyStart = Math.min(normalised.length(), open.end() + 1);
        String body = normalised.substring(bodyStart);
        if (body.startsWith("\n")) {
            // the blank line after the front matter separates, it is not content (render writes it back)
            body = body.substring(1);
        }
        return new Parts(fields(tree(yaml)), body);
    }

    private static JsonNode tree(String yaml) {
        try {
            JsonNode front = YAML.readTree(yaml);
            if (front == null || !front.isObject()) {
                throw new SkillInvalidException(SkillRule.FRONT_MATTER_MAPPING.at("SKILL.md",
                        "the front matter must be a YAML mapping of fields"));
            }
            return front;
        } catch (JsonProcessingException e) {
            Matcher duplicate = DUPLICATE.matcher(e.getOriginalMessage());
            if (duplicate.find()) {
                throw new SkillInvalidException(SkillRule.DUPLICATE_FIELD.at(duplicate.group(1),
                        "the field is given twice"));
            }
            throw new SkillInvalidException(SkillRule.FRONT_MATTER_YAML.at("SKILL.md",
                    "the front matter is not valid YAML: " + e.getOriginalMessage()));
        }
    }

    /** Text fields as String, {@code metadata} as a map of String; every violation found, all at once. */
    private static Map<String, Object> fields(JsonNode front) {
        List<SkillViolation> problems = new ArrayList<>();
        Map<String, Object> fields = new LinkedHashMap<>();
        front.fields().forEachRemaining(e -> {
            String field = e.getKey();
            JsonNode value = e.getValue();
            if (!FIELDS.contains(field)) {
                problems.add(SkillRule.UNKNOWN_FIELD.at(field, "the specification defines only name, description, "
                        + "license, compatibility, metadata and allowed-tools; put other data under metadata"));
            } else if (field.equals("metadata")) {
                fields.put(field, metadata(value, problems));
            } else if (value.isTextual()) {
                fields.put(field, value.textValue());
            } else {
                problems.add(SkillRule.FIELD_TYPE.at(field, "must be text, not " + describe(value)));
            }
        });
        if (!problems.isEmpty()) {
            throw new SkillInvalidException(problems);
        }
        return fields;
    }

    private static Map<String, String> metadata(JsonNode value, List<SkillViolation> problems) {
        Map<String, String> metadata = new LinkedHashMap<>();
        if (!value.isObject()) {
            problems.add(SkillRule.FIELD_TYPE.at("metadata", "must be a mapping of text keys to text values, not "
                    + describe(value)));
            return metadata;
        }
        value.fields().forEachRemaining(e -> {
            if (e.getValue().isTextual()) {
                metadata.put(e.getKey(), e.getValue().textValue());
            } else {
                problems.add(SkillRule.METADATA_STRING.at("metadata." + e.getKey(), "must be text, not "
                        + describe(e.getValue()) + (e.getValue().isValueNode() && !e.getValue().isNull()
                                ? " (quote it: \"" + e.getValue().asText() + "\")" : "")));
            }
        });
        return metadata;
    }

    private static String describe(JsonNode value) {
        if (value.isNull()) {
            return "empty";
        }
        if (value.isObject()) {
            return "a mapping";
        }
        if (value.isArray()) {
            return "a list";
        }
        return (value.isNumber() ? "the number " : value.isBoolean() ? "the boolean " : "") + value.asText();
    }
}

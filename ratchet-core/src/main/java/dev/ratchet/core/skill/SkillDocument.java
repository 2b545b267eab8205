package dev.ratchet.core.skill;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;

/**
 * A SKILL.md file of the Agent Skills format: YAML front matter ({@code name}, {@code description} and optional
 * {@code license}, {@code compatibility}, {@code metadata}) followed by Markdown instructions.
 */
public record SkillDocument(String name, String description, String license, String compatibility,
        Map<String, String> metadata, String body) {

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory()
            .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
            .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES)
            // The spec's metadata maps strings to strings; a step count or an all-digit sha must stay a string.
            .enable(YAMLGenerator.Feature.ALWAYS_QUOTE_NUMBERS_AS_STRINGS));

    public static SkillDocument parse(String text) {
        String normalised = text.replace("\r\n", "\n");
        if (!normalised.startsWith("---\n")) {
            throw new SkillFormatException("SKILL.md must start with YAML front matter ('---')");
        }
        int end = normalised.indexOf("\n---", 4);
        if (end < 0) {
            throw new SkillFormatException("SKILL.md front matter is not closed with '---'");
        }
        JsonNode front;
        try {
            front = YAML.readTree(normalised.substring(4, end));
        } catch (JsonProcessingException e) {
            throw new SkillFormatException("SKILL.md front matter is not valid YAML: " + e.getOriginalMessage());
        }
        if (front == null || !front.isObject()) {
            throw new SkillFormatException("SKILL.md front matter must be a YAML mapping");
        }
        Map<String, String> metadata = new LinkedHashMap<>();
        front.path("metadata").fields().forEachRemaining(e -> metadata.put(e.getKey(), e.getValue().asText()));
        int bodyStart = normalised.indexOf('\n', end + 4);
        String body = bodyStart < 0 ? "" : normalised.substring(bodyStart + 1);
        if (body.startsWith("\n")) {
            // the blank line after the front matter separates, it is not content (render writes it back)
            body = body.substring(1);
        }
        return new SkillDocument(text(front, "name"), text(front, "description"), text(front, "license"),
                text(front, "compatibility"), Map.copyOf(metadata), body);
    }

    public String render() {
        Map<String, Object> front = new LinkedHashMap<>();
        front.put("name", name);
        front.put("description", description);
        if (license != null) {
            front.put("license", license);
        }
        if (compatibility != null) {
            front.put("compatibility", compatibility);
        }
        if (metadata != null && !metadata.isEmpty()) {
            front.put("metadata", new LinkedHashMap<>(metadata));
        }
        try {
            return "---\n" + YAML.writeValueAsString(front) + "---\n\n" + body;
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write SKILL.md front matter", e);
        }
    }

    /** Violations of the Agent Skills specification's front matter rules; empty when the document is valid. */
    public List<String> violations() {
        List<String> problems = new ArrayList<>();
        if (name == null || name.isEmpty() || name.length() > 64) {
            problems.add("name must be 1-64 characters");
        } else if (!name.matches("[a-z0-9]+(-[a-z0-9]+)*")) {
            problems.add("name may only contain a-z, 0-9 and single hyphens, not at the start or end: " + name);
        }
        if (description == null || description.isBlank() || description.length() > 1024) {
            problems.add("description must be 1-1024 characters");
        }
        if (compatibility != null && (compatibility.isEmpty() || compatibility.length() > 500)) {
            problems.add("compatibility must be 1-500 characters");
        }
        return List.copyOf(problems);
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value == null || value.isNull() ? null : value.asText();
    }
}

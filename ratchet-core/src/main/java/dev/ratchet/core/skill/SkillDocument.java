package dev.ratchet.core.skill;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;

/**
 * A SKILL.md file of the Agent Skills format: YAML front matter ({@code name}, {@code description} and optional
 * {@code license}, {@code compatibility}, {@code metadata}, {@code allowed-tools}) followed by Markdown instructions.
 * {@link #parse} refuses what the specification does not allow in the front matter (unknown or duplicate fields,
 * wrong types); {@link #violations} checks the values.
 */
public record SkillDocument(String name, String description, String license, String compatibility,
        Map<String, String> metadata, String allowedTools, String body) {

    public static final int MAX_NAME = 64;
    public static final int MAX_DESCRIPTION = 1024;
    public static final int MAX_COMPATIBILITY = 500;
    /** {@code GET /api/v1/skills/search} would hide a skill of that name. */
    public static final String RESERVED_NAME = "search";

    private static final Pattern NAME_CHARS = Pattern.compile("[a-z0-9-]+");
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory()
            .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
            .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES)
            // multi-line values (Ratchet's plan as JSON) as '|' blocks a person can read
            .enable(YAMLGenerator.Feature.LITERAL_BLOCK_STYLE)
            // The spec's metadata maps strings to strings; a step count or an all-digit sha must stay a string.
            .enable(YAMLGenerator.Feature.ALWAYS_QUOTE_NUMBERS_AS_STRINGS));

    public SkillDocument {
        metadata = metadata == null ? Map.of() : Map.copyOf(metadata);
    }

    /** A document without {@code allowed-tools}. */
    public SkillDocument(String name, String description, String license, String compatibility,
            Map<String, String> metadata, String body) {
        this(name, description, license, compatibility, metadata, null, body);
    }

    /** @throws SkillInvalidException naming every front matter rule the text breaks */
    @SuppressWarnings("unchecked")
    public static SkillDocument parse(String text) {
        FrontMatter.Parts parts = FrontMatter.read(text);
        Map<String, Object> f = parts.fields();
        return new SkillDocument((String) f.get("name"), (String) f.get("description"), (String) f.get("license"),
                (String) f.get("compatibility"), (Map<String, String>) f.get("metadata"),
                (String) f.get("allowed-tools"), parts.body());
    }

    public String render() {
        Map<String, Object> front = new LinkedHashMap<>();
        front.put("name", name);
        front.put("description", description);
        putIfSet(front, "license", license);
        putIfSet(front, "compatibility", compatibility);
        putIfSet(front, "allowed-tools", allowedTools);
        if (!metadata.isEmpty()) {
            front.put("metadata", new LinkedHashMap<>(sorted(metadata)));
        }
        try {
            return "---\n" + YAML.writeValueAsString(front) + "---\n\n" + body;
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write SKILL.md front matter", e);
        }
    }

    /** Violations of the specification's value rules; empty when the document is valid. */
    public List<SkillViolation> violations() {
        List<SkillViolation> problems = new ArrayList<>();
        if (name == null) {
            problems.add(SkillRule.REQUIRED.at("name", "is required"));
        } else if (name.isEmpty() || name.length() > MAX_NAME) {
            problems.add(SkillRule.NAME_LENGTH.at("name", "must be 1-" + MAX_NAME + " characters, not "
                    + name.length()));
        } else if (!NAME_CHARS.matcher(name).matches()) {
            problems.add(SkillRule.NAME_CHARACTERS.at("name", "may only contain a-z, 0-9 and '-': " + name));
        } else if (name.startsWith("-") || name.endsWith("-") || name.contains("--")) {
            problems.add(SkillRule.NAME_HYPHENS.at("name", "must not start or end with '-' or contain '--': "
                    + name));
        } else if (name.equals(RESERVED_NAME)) {
            problems.add(SkillRule.NAME_RESERVED.at("name", "'" + RESERVED_NAME + "' is the registry's search "
                    + "path; choose another name"));
        }
        if (description == null) {
            problems.add(SkillRule.REQUIRED.at("description", "is required"));
        } else if (description.isBlank() || description.length() > MAX_DESCRIPTION) {
            problems.add(SkillRule.DESCRIPTION_LENGTH.at("description", "must be 1-" + MAX_DESCRIPTION
                    + " characters and not blank, not " + description.length()));
        }
        if (compatibility != null && (compatibility.isEmpty() || compatibility.length() > MAX_COMPATIBILITY)) {
            problems.add(SkillRule.COMPATIBILITY_LENGTH.at("compatibility", "must be 1-" + MAX_COMPATIBILITY
                    + " characters, not " + compatibility.length()));
        }
        return List.copyOf(problems);
    }

    /** {@link #violations()} plus the rule that the name equals the folder's (null: no folder to compare). */
    public List<SkillViolation> violations(String folder) {
        List<SkillViolation> problems = new ArrayList<>(violations());
        if (folder != null && name != null && !name.equals(folder)) {
            problems.add(SkillRule.NAME_FOLDER.at("name", "'" + name + "' must equal the folder name '" + folder
                    + "'"));
        }
        return List.copyOf(problems);
    }

    private static void putIfSet(Map<String, Object> front, String field, String value) {
        if (value != null) {
            front.put(field, value);
        }
    }

    private static Map<String, String> sorted(Map<String, String> map) {
        Map<String, String> sorted = new LinkedHashMap<>();
        map.keySet().stream().sorted().forEach(k -> sorted.put(k, map.get(k)));
        return sorted;
    }
}

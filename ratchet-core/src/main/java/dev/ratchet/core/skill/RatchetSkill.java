package dev.ratchet.core.skill;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;

import dev.ratchet.core.event.Check;
import dev.ratchet.core.guardrail.Guardrails;
import dev.ratchet.core.json.Json;
import dev.ratchet.core.skill.template.PlanTemplate;

/**
 * Ratchet's own data in a skill, kept as text values under the Agent Skills {@code metadata} field so that the
 * skill stays valid for every other agent: {@code ratchet.plan} (the {@link PlanTemplate} as JSON),
 * {@code ratchet.checks} (JSON list), {@code ratchet.guardrails} (JSON), {@code ratchet.source-session} (the
 * session it was captured from) and {@code ratchet.version} (the version of this layout, {@value #FORMAT}).
 */
public record RatchetSkill(PlanTemplate plan, List<Check> checks, Guardrails guardrails, String sourceSession) {

    public static final String PLAN = "ratchet.plan";
    public static final String CHECKS = "ratchet.checks";
    public static final String GUARDRAILS = "ratchet.guardrails";
    public static final String SOURCE_SESSION = "ratchet.source-session";
    public static final String VERSION = "ratchet.version";
    public static final String FORMAT = "1";

    public RatchetSkill {
        checks = List.copyOf(checks);
    }

    /** The metadata entries that carry this data. */
    public Map<String, String> metadata() {
        Map<String, String> metadata = new LinkedHashMap<>();
        metadata.put(PLAN, pretty(plan));
        metadata.put(CHECKS, pretty(checks));
        metadata.put(GUARDRAILS, pretty(guardrails));
        if (sourceSession != null) {
            metadata.put(SOURCE_SESSION, sourceSession);
        }
        metadata.put(VERSION, FORMAT);
        return metadata;
    }

    /**
     * Ratchet's data in a skill, when it has a plan (a skill written by a person or another agent has none); checks
     * and guardrails default to none and the defaults.
     *
     * @throws IllegalArgumentException when the plan, the checks or the guardrails are not valid JSON of their kind
     */
    public static Optional<RatchetSkill> of(SkillDocument document) {
        Map<String, String> m = document.metadata();
        if (!m.containsKey(PLAN)) {
            return Optional.empty();
        }
        List<Check> checks = m.containsKey(CHECKS) ? read(m.get(CHECKS), new TypeReference<List<Check>>() {
        }) : List.of();
        Guardrails guardrails = m.containsKey(GUARDRAILS) ? Json.read(m.get(GUARDRAILS), Guardrails.class)
                : Guardrails.DEFAULTS;
        return Optional.of(new RatchetSkill(PlanTemplate.fromJson(m.get(PLAN)), checks, guardrails,
                m.get(SOURCE_SESSION)));
    }

    /** Indented JSON with '\n' line ends on every platform, so the same data renders the same SKILL.md. */
    private static String pretty(Object value) {
        DefaultPrettyPrinter printer = new DefaultPrettyPrinter()
                .withObjectIndenter(new DefaultIndenter("  ", "\n"))
                .withArrayIndenter(new DefaultIndenter("  ", "\n"));
        try {
            return Json.mapper().writer(printer).writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("cannot write " + value.getClass().getSimpleName(), e);
        }
    }

    private static <T> T read(String json, TypeReference<T> type) {
        try {
            return Json.mapper().readValue(json, type);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("invalid " + CHECKS + " JSON: " + e.getMessage(), e);
        }
    }
}

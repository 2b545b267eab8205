package dev.ratchet.core.plan;

import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectReader;

import dev.ratchet.core.json.Json;
import dev.ratchet.core.session.Fanout;

/**
 * Reads the planner model's answer: a JSON object {@code {"steps":[{"title":..., "instructions":...}]}} (a step may
 * add {@code "variants": n} to be fanned out to n variants, and the structured plan's {@code files},
 * {@code newFiles}, {@code checks}, {@code estimatedTokens}, {@code maxChangedLines} of {@link PlanSchema}), possibly
 * inside a code fence or after some prose. Step ids are assigned here ({@code s1}, {@code s2}, ...), so they never
 * depend on what the model chose to call them. Field types are checked here, their values by {@link PlanChecks}.
 */
public final class PlanParser {

    private static final ObjectReader STRICT = Json.mapper().reader()
            .with(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    private PlanParser() {
    }

    public static List<PlanStep> parse(String answer, int maxSteps) {
        JsonNode root = readJson(answer);
        JsonNode steps = root.isArray() ? root : root.path("steps");
        if (!steps.isArray() || steps.isEmpty()) {
            throw new PlanFormatException("the plan has no \"steps\" array");
        }
        if (steps.size() > maxSteps) {
            throw new PlanFormatException("the plan has " + steps.size() + " steps; at most " + maxSteps
                    + " are allowed (split the goal into smaller sessions)");
        }
        List<PlanStep> plan = new ArrayList<>();
        for (int i = 0; i < steps.size(); i++) {
            JsonNode step = steps.get(i);
            String title = text(step, "title");
            if (title.isBlank()) {
                throw new PlanFormatException("step " + (i + 1) + " has no title");
            }
            String instructions = text(step, "instructions");
            plan.add(new PlanStep("s" + (i + 1), title.strip(), instructions.isBlank() ? title.strip()
                    : instructions.strip(), variants(step, i), scope(step, i), strings(step, i, "approaches")));
        }
        return List.copyOf(plan);
    }

    /** The step's optional {@code variants}: a whole number from 1 to 64, or absent for the session's. */
    private static Integer variants(JsonNode step, int index) {
        JsonNode node = step.path("variants");
        if (node.isMissingNode() || node.isNull()) {
            return null;
        }
        if (!node.canConvertToInt() || !node.isIntegralNumber()
                || PlanRules.variantsViolation(node.intValue()).isPresent()) {
            throw new PlanFormatException("step " + (index + 1) + " has variants " + node + "; it must be a whole "
                    + "number from 1 to " + Fanout.MAX_VARIANTS);
        }
        return node.intValue();
    }

    /** The structured fields; each may be absent or null (a strict schema's way of leaving it out). */
    private static PlanScope scope(JsonNode step, int index) {
        return new PlanScope(strings(step, index, "files"), strings(step, index, "newFiles"),
                strings(step, index, "checks"), whole(step, index, "estimatedTokens"),
                whole(step, index, "maxChangedLines"));
    }

    private static List<String> strings(JsonNode step, int index, String field) {
        JsonNode node = step.path(field);
        if (node.isMissingNode() || node.isNull()) {
            return List.of();
        }
        String at = "steps[" + index + "]." + field;
        if (!node.isArray() || node.size() > PlanChecks.MAX_PATHS) {
            throw new PlanFormatException(at + " must be an array of at most " + PlanChecks.MAX_PATHS + " strings");
        }
        List<String> values = new ArrayList<>();
        for (int i = 0; i < node.size(); i++) {
            if (!node.get(i).isTextual()) {
                throw new PlanFormatException(at + "[" + i + "] must be a string, not " + node.get(i));
            }
            values.add(node.get(i).textValue().strip());
        }
        return values;
    }

    private static Integer whole(JsonNode step, int index, String field) {
        JsonNode node = step.path(field);
        if (node.isMissingNode() || node.isNull()) {
            return null;
        }
        if (!node.isIntegralNumber() || !node.canConvertToInt()) {
            throw new PlanFormatException("steps[" + index + "]." + field + " must be a whole number or null, not "
                    + node);
        }
        return node.intValue();
    }

    private static String text(JsonNode step, String field) {
        JsonNode node = step.path(field);
        return node.isTextual() ? node.asText() : "";
    }

    private static JsonNode readJson(String answer) {
        if (answer == null || answer.isBlank()) {
            throw new PlanFormatException("the planner model returned an empty answer");
        }
        // Prose may come before or after the JSON (and may itself contain brackets): try the earliest opening
        // bracket first, then the other kind, and accept only a value that spans to its closing bracket.
        String problem = "the planner model's answer contains no JSON";
        int object = answer.indexOf('{');
        int array = answer.indexOf('[');
        char[][] order = array >= 0 && (object < 0 || array < object)
                ? new char[][] {{'[', ']'}, {'{', '}'}}
                : new char[][] {{'{', '}'}, {'[', ']'}};
        for (char[] brackets : order) {
            int start = answer.indexOf(brackets[0]);
            int end = answer.lastIndexOf(brackets[1]);
            if (start < 0) {
                continue;
            }
            if (end < start) {
                problem = "the planner model's answer has unbalanced JSON";
                continue;
            }
            try {
                return STRICT.readTree(answer.substring(start, end + 1));
            } catch (JsonProcessingException e) {
                problem = "the planner model's answer is not valid JSON: " + e.getOriginalMessage();
            }
        }
        throw new PlanFormatException(problem);
    }
}

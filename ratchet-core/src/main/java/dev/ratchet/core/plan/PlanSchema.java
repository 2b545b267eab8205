package dev.ratchet.core.plan;

/**
 * The JSON Schema of a plan, sent to the planner model as {@code response_format} {@code json_schema} with
 * {@code strict: true}. Strict structured output (OpenAI's) takes only a subset of JSON Schema: every property is
 * listed in {@code required}, {@code additionalProperties} is false, and an optional value is a union with
 * {@code null}; bounds ({@code minItems}, {@code minimum}) are left to {@link PlanParser} and {@link PlanChecks},
 * which name the field, since not every provider takes them. {@link PlanParser} reads every plan this schema
 * accepts; it also reads the looser JSON of a provider without structured output (fields left out).
 */
public final class PlanSchema {

    /** The schema's name in {@code response_format.json_schema.name}. */
    public static final String NAME = "ratchet_plan";

    public static final String JSON = """
            {
              "type": "object",
              "additionalProperties": false,
              "required": ["steps"],
              "properties": {
                "steps": {
                  "type": "array",
                  "description": "The steps in the order they are to be done.",
                  "items": {
                    "type": "object",
                    "additionalProperties": false,
                    "required": ["id", "title", "instructions", "files", "newFiles", "checks", "variants",
                                 "estimatedTokens", "maxChangedLines", "approaches"],
                    "properties": {
                      "id": {"type": "string", "description": "s1, s2, ... in order."},
                      "title": {"type": "string", "description": "One line saying what the step does."},
                      "instructions": {"type": "string",
                        "description": "Everything the executor needs to do the step, seeing only this step."},
                      "files": {"type": "array", "items": {"type": "string"},
                        "description": "Existing files the step reads or changes, as listed in the repository."},
                      "newFiles": {"type": "array", "items": {"type": "string"},
                        "description": "Files the step creates; none of them may exist yet."},
                      "checks": {"type": "array", "items": {"type": "string"},
                        "description": "Names of the session's checks the step must pass."},
                      "variants": {"type": ["integer", "null"],
                        "description": "Variants to try in parallel for a risky step; null for the session's."},
                      "estimatedTokens": {"type": ["integer", "null"],
                        "description": "Context the step needs: the files it reads plus the instructions, in tokens."},
                      "maxChangedLines": {"type": ["integer", "null"],
                        "description": "The most added plus removed lines the step should change."},
                      "approaches": {"type": ["array", "null"], "items": {"type": "string"},
                        "description": "One short line per variant: a different way to solve the step each; or null."}
                    }
                  }
                }
              }
            }
            """;

    private PlanSchema() {
    }
}

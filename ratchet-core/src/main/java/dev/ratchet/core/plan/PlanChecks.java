package dev.ratchet.core.plan;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import dev.ratchet.core.session.FieldViolation;

/**
 * Whether a plan may run in its session: {@link PlanRules} (ids, titles, instructions, variants, the number of
 * steps) and the structured fields. A step's {@code files} exist at the base commit or are created by an earlier
 * step; its {@code newFiles} are plain relative paths that exist neither at the base commit nor by an earlier step;
 * its {@code checks} are the session's; its {@code estimatedTokens} fit the executor's step budget and its
 * {@code maxChangedLines} the session's guardrail. Every problem is named by its field ({@code steps[2].files[0]}).
 */
public final class PlanChecks {

    /** Files per list of one step: a step is one small patch; 64 paths is far more than one should touch. */
    public static final int MAX_PATHS = 64;
    /** A path's length: 1,024 characters is longer than any real repository path and bounds the prompt. */
    static final int MAX_PATH_CHARS = 1024;

    private PlanChecks() {
    }

    /**
     * @param repoFiles the repository's files at the session's base commit
     * @param checks    the names of the session's checks
     */
    public static List<FieldViolation> violations(List<PlanStep> plan, PlanLimits limits,
            Collection<String> repoFiles, Collection<String> checks) {
        List<FieldViolation> errors = new ArrayList<>(PlanRules.violations(plan, limits.maxSteps()));
        if (plan == null || plan.size() > limits.maxSteps()) {
            return errors;
        }
        Set<String> existing = Set.copyOf(repoFiles);
        Set<String> checkNames = Set.copyOf(checks);
        Map<String, String> created = new HashMap<>();
        for (int i = 0; i < plan.size(); i++) {
            PlanStep step = plan.get(i);
            if (step == null) {
                continue;
            }
            String at = "steps[" + i + "]";
            files(errors, at, step, existing, created);
            newFiles(errors, at, step, existing, created);
            for (int c = 0; c < step.checks().size(); c++) {
                if (!checkNames.contains(step.checks().get(c))) {
                    errors.add(new FieldViolation(at + ".checks[" + c + "]", "\"" + step.checks().get(c)
                            + "\" is not one of the session's checks " + checkNames.stream().sorted().toList()));
                }
            }
            bound(errors, at + ".estimatedTokens", step.estimatedTokens(), limits.stepTokens(),
                    "tokens, over the executor's step budget of " + limits.stepTokens() + "; split the step");
            bound(errors, at + ".maxChangedLines", step.maxChangedLines(), limits.maxChangedLines(),
                    "changed lines, over the session's guardrail maxChangedLines of " + limits.maxChangedLines()
                            + "; split the step");
        }
        return errors;
    }

    private static void files(List<FieldViolation> errors, String at, PlanStep step, Set<String> existing,
            Map<String, String> created) {
        for (int f = 0; f < step.files().size(); f++) {
            String path = step.files().get(f);
            if (!existing.contains(path) && !created.containsKey(path)) {
                errors.add(new FieldViolation(at + ".files[" + f + "]", "\"" + shown(path) + "\" does not exist at"
                        + " the base commit and no earlier step creates it; list it in newFiles if this step does"));
            }
        }
    }

    private static void newFiles(List<FieldViolation> errors, String at, PlanStep step, Set<String> existing,
            Map<String, String> created) {
        for (int f = 0; f < step.newFiles().size(); f++) {
            String path = step.newFiles().get(f);
            String field = at + ".newFiles[" + f + "]";
            if (!plainRelative(path)) {
                errors.add(new FieldViolation(field, "\"" + shown(path) + "\" must be a relative path inside the"
                        + " repository (no leading /, no .. segment, at most " + MAX_PATH_CHARS + " characters)"));
            } else if (existing.contains(path)) {
                errors.add(new FieldViolation(field, "\"" + path + "\" already exists at the base commit; list it"
                        + " in files"));
            } else if (created.containsKey(path)) {
                errors.add(new FieldViolation(field, "\"" + path + "\" is created by step " + created.get(path)
                        + " already; list it in files"));
            } else {
                created.put(path, step.id());
            }
        }
    }

    private static void bound(List<FieldViolation> errors, String field, Integer value, int max, String over) {
        if (value == null) {
            return;
        }
        if (value < 1) {
            errors.add(new FieldViolation(field, "must be at least 1, not " + value));
        } else if (value > max) {
            errors.add(new FieldViolation(field, "is " + value + " " + over));
        }
    }

    private static boolean plainRelative(String path) {
        if (path.isBlank() || path.length() > MAX_PATH_CHARS || path.startsWith("/") || path.indexOf('\\') >= 0
                || path.indexOf('\0') >= 0) {
            return false;
        }
        for (String segment : path.split("/", -1)) {
            if (segment.isEmpty() || segment.equals(".") || segment.equals("..")) {
                return false;
            }
        }
        return true;
    }

    /** A path from the model, cut for the message: it goes back into the next prompt and into the session's record. */
    private static String shown(String path) {
        return path.length() <= 120 ? path : path.substring(0, 120) + "...";
    }
}

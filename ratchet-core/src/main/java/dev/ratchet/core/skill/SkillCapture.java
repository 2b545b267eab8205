package dev.ratchet.core.skill;

import java.text.Normalizer;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

import dev.ratchet.core.event.Check;
import dev.ratchet.core.event.SessionCompleted;

/**
 * Turns a completed session into a skill: the verified steps, in order, with the checks that proved them, so a
 * fast model can replay the work without the planner.
 */
public final class SkillCapture {

    private static final int MAX_NAME = 64;
    private static final int SESSION_SUFFIX = 8;

    private SkillCapture() {
    }

    public static SkillDocument fromSession(SessionCompleted completed) {
        SessionCompleted.Payload p = completed.payload();
        Map<String, String> metadata = new LinkedHashMap<>();
        metadata.put("ratchet-session", completed.sessionId());
        metadata.put("ratchet-repo", p.repo());
        metadata.put("ratchet-base-commit", p.baseCommit());
        metadata.put("ratchet-steps", Integer.toString(p.steps().size()));
        metadata.put("ratchet-tokens-out", Integer.toString(p.usage().tokensOut()));
        return new SkillDocument(name(p.goal(), completed.sessionId()), description(p), null,
                "Runs in a git work tree; the checks need: " + commands(p), metadata, body(completed));
    }

    /**
     * A valid skill name from the goal, ending with part of the session id so that two sessions with the same goal
     * give two skills rather than one overwriting the other.
     */
    static String name(String goal, String sessionId) {
        String suffix = sessionId.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]", "");
        suffix = suffix.substring(0, Math.min(SESSION_SUFFIX, suffix.length()));
        // NFKD splits accented letters into letter + combining mark; the marks are dropped, not turned into '-'
        String slug = Normalizer.normalize(goal, Normalizer.Form.NFKD).replaceAll("\\p{M}+", "")
                .toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("(^-+)|(-+$)", "");
        int room = MAX_NAME - suffix.length() - 1;
        if (slug.length() > room) {
            slug = slug.substring(0, room).replaceAll("-+$", "");
        }
        if (slug.isEmpty()) {
            slug = "session";
        }
        return suffix.isEmpty() ? slug : slug + "-" + suffix;
    }

    private static String description(SessionCompleted.Payload p) {
        String text = p.goal().replaceAll("\\s+", " ").strip() + ". Replays " + p.steps().size()
                + " verified steps captured by Ratchet; use when the same change is wanted in a repository like "
                + p.repo() + ".";
        return text.length() <= 1024 ? text : text.substring(0, 1021) + "...";
    }

    private static String commands(SessionCompleted.Payload p) {
        String text = String.join(", ", p.checks().stream().map(Check::command).toList());
        return text.length() <= 440 ? text : text.substring(0, 437) + "...";
    }

    private static String body(SessionCompleted completed) {
        SessionCompleted.Payload p = completed.payload();
        StringBuilder md = new StringBuilder("# ").append(p.goal().replaceAll("\\s+", " ").strip()).append("\n\n")
                .append("Captured from Ratchet session `").append(completed.sessionId()).append("`: ")
                .append(p.steps().size()).append(" steps, each verified by the checks below.\n\n")
                .append("Carry out the steps in order. After each step run every check; keep the step only if all "
                        + "pass, otherwise redo it.\n\n## Steps\n\n");
        int n = 1;
        for (SessionCompleted.CompletedStep step : p.steps()) {
            md.append(n++).append(". **").append(step.title()).append("**: ")
                    .append(step.instructions().replaceAll("\\s+", " ").strip()).append('\n');
        }
        md.append("\n## Checks\n\n");
        for (Check check : p.checks()) {
            md.append("- `").append(check.name()).append("`: `").append(check.command()).append("` (timeout ")
                    .append(check.timeoutSeconds()).append(" s)\n");
        }
        return md.toString();
    }
}

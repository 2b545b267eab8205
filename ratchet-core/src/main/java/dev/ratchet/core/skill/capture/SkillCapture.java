package dev.ratchet.core.skill.capture;

import java.text.Normalizer;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

import dev.ratchet.core.event.Check;
import dev.ratchet.core.event.SessionCompleted;
import dev.ratchet.core.guardrail.Guardrails;
import dev.ratchet.core.skill.RatchetSkill;
import dev.ratchet.core.skill.SkillDocument;
import dev.ratchet.core.skill.template.PlanTemplate;
import dev.ratchet.core.skill.template.Placeholders;
import dev.ratchet.core.skill.template.StepTemplate;

/**
 * Turns a completed session into a skill: the goal and the verified steps as templates (the session's specifics
 * made parameters), the checks that proved each step and the guardrails it obeyed, so that a fast model can replay
 * the work without the planner, and any other agent can read the steps as instructions.
 */
public final class SkillCapture {

    private static final int MAX_COMPATIBILITY_COMMANDS = 440;

    private SkillCapture() {
    }

    public static Capture fromSession(SessionCompleted completed) {
        SessionCompleted.Payload p = completed.payload();
        Map<String, String> parameters = SessionParameters.of(p);
        String goal = oneLine(p.goal());
        PlanTemplate plan = new PlanTemplate(Placeholders.abstractOut(goal, parameters),
                p.steps().stream().map(s -> new StepTemplate(Placeholders.abstractOut(oneLine(s.title()), parameters),
                        Placeholders.abstractOut(oneLine(s.instructions()), parameters))).toList(), parameters);
        Guardrails guardrails = p.guardrails() == null ? Guardrails.DEFAULTS : p.guardrails();
        RatchetSkill data = new RatchetSkill(plan, p.checks(), guardrails, completed.sessionId());
        SkillDocument document = new SkillDocument(name(goal, completed.sessionId()), description(goal, p, parameters),
                null, "Runs in a git work tree; the checks need: " + commands(p.checks()), data.metadata(),
                SkillBody.of(goal, data));
        int attempts = p.steps().stream().mapToInt(SessionCompleted.CompletedStep::attempts).sum();
        return new Capture(document, PlanShape.of(plan, p.checks()), new Capture.Statistic(completed.sessionId(),
                completed.occurredAt(), p.steps().size(), attempts, p.usage().tokensIn(), p.usage().tokensOut(),
                p.durationMs()));
    }

    /**
     * A valid skill name from the goal, cut at a word boundary to 64 characters; a goal without Latin letters or
     * digits gives {@code skill-} and the start of the session id.
     */
    static String name(String goal, String sessionId) {
        // NFKD splits accented letters into letter + combining mark; the marks are dropped, not turned into '-'
        String slug = slug(Normalizer.normalize(goal, Normalizer.Form.NFKD).replaceAll("\\p{M}+", ""));
        if (slug.length() > SkillDocument.MAX_NAME) {
            int cut = slug.lastIndexOf('-', SkillDocument.MAX_NAME);
            slug = slug.substring(0, cut > 0 ? cut : SkillDocument.MAX_NAME).replaceAll("-+$", "");
        }
        if (slug.isEmpty() || slug.equals(SkillDocument.RESERVED_NAME)) {
            String id = slug(sessionId).replace("-", "");
            return "skill-" + (id.isEmpty() ? "captured" : id.substring(0, Math.min(8, id.length())));
        }
        return slug;
    }

    private static String slug(String text) {
        return text.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("(^-+)|(-+$)", "");
    }

    private static String description(String goal, SessionCompleted.Payload p, Map<String, String> parameters) {
        String project = parameters.getOrDefault("project", SessionParameters.project(p.repo()));
        String checks = p.checks().stream().map(Check::name).collect(Collectors.joining(", "));
        String text = stripPeriod(goal) + ". A plan of " + p.steps().size() + " steps, each verified by "
                + (checks.isEmpty() ? "the session's checks" : checks) + " before the next. Use when asked to "
                + lowerFirst(stripPeriod(goal)) + " in a project like " + project + ".";
        return text.length() <= SkillDocument.MAX_DESCRIPTION ? text
                : text.substring(0, SkillDocument.MAX_DESCRIPTION - 3) + "...";
    }

    private static String commands(List<Check> checks) {
        String text = checks.stream().map(Check::command).collect(Collectors.joining(", "));
        return text.length() <= MAX_COMPATIBILITY_COMMANDS ? text
                : text.substring(0, MAX_COMPATIBILITY_COMMANDS - 3) + "...";
    }

    static String oneLine(String text) {
        return text.replaceAll("\\s+", " ").strip();
    }

    private static String stripPeriod(String text) {
        return text.replaceAll("[.!\\s]+$", "");
    }

    private static String lowerFirst(String text) {
        return text.isEmpty() ? text : Character.toLowerCase(text.charAt(0)) + text.substring(1);
    }
}

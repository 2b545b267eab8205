package dev.ratchet.core.skill.capture;

import java.util.List;
import java.util.stream.Collectors;

import dev.ratchet.core.event.Check;
import dev.ratchet.core.guardrail.Guardrails;
import dev.ratchet.core.skill.RatchetSkill;
import dev.ratchet.core.skill.template.StepTemplate;

/**
 * The Markdown instructions of a captured skill, for agents that do not read Ratchet's metadata: the parameters,
 * the steps in order, the checks to run after each, and the guardrails the steps kept to. Nothing in it names the
 * session, so two sessions that produce the same plan produce the same text.
 */
final class SkillBody {

    private SkillBody() {
    }

    static String of(String goal, RatchetSkill data) {
        StringBuilder md = new StringBuilder("# ").append(goal).append("\n\n")
                .append("A plan proven by Ratchet: ").append(data.plan().steps().size())
                .append(" steps, each kept only once every check below passed.\n\n");
        if (!data.plan().parameters().isEmpty()) {
            md.append("## Parameters\n\nReplace each with your project's own; the value is the one the plan was "
                    + "proven with.\n\n| Parameter | Proven with |\n|---|---|\n");
            data.plan().parameters().forEach((name, value) -> md.append("| `{{").append(name).append("}}` | `")
                    .append(value.replace("|", "\\|")).append("` |\n"));
            md.append('\n');
        }
        md.append("## Steps\n\nCarry out the steps in order. After each step run every check; keep the step only if "
                + "all pass, otherwise redo it.\n\n");
        int n = 1;
        for (StepTemplate step : data.plan().steps()) {
            md.append(n++).append(". **").append(step.title()).append("**: ").append(step.instructions())
                    .append('\n');
        }
        md.append("\n## Checks\n\n");
        for (Check check : data.checks()) {
            md.append("- `").append(check.name()).append("`: `").append(check.command()).append("` (timeout ")
                    .append(check.timeoutSeconds()).append(" s)\n");
        }
        md.append("\n## Guardrails\n\n").append(guardrails(data.guardrails()));
        return md.toString();
    }

    private static String guardrails(Guardrails g) {
        return "- change only: " + globs(g.allow()) + "\n"
                + (g.readOnly().isEmpty() ? "" : "- read but never change: " + globs(g.readOnly()) + "\n")
                + "- never read or change: " + globs(g.forbid()) + "\n"
                + "- " + (g.deletes() ? "files may be deleted" : "delete no file") + "\n"
                + "- at most " + g.maxChangedLines() + " changed lines per step, " + g.maxFileChangedLines()
                + " per file, and " + g.maxNewFiles() + " new files\n";
    }

    private static String globs(List<String> globs) {
        return globs.isEmpty() ? "nothing" : globs.stream().map(g -> "`" + g + "`").collect(Collectors.joining(", "));
    }
}

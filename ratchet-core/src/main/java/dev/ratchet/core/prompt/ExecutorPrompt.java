package dev.ratchet.core.prompt;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

import dev.ratchet.core.event.Check;
import dev.ratchet.core.event.StepWork;

/**
 * The request to a fast executor model for one step. Everything the model knows comes from here, within the
 * step's token budget: the step, why earlier attempts were rejected, the repository's AGENTS.md, and as many whole
 * files as fit, the files the step names first.
 */
public final class ExecutorPrompt {

    static final String SYSTEM = """
            You are a fast executor model in Ratchet. Carry out exactly one step of a plan in a git repository; a \
            verifier applies your patch and runs the checks, and rejects it if any check fails.
            Change only what the step asks for. Keep every check passing; add or update tests when the step adds \
            behaviour.
            Answer with one patch in the apply_patch format and nothing else:
            *** Begin Patch
            *** Add File: <relative path>      (every following line starts with +)
            *** Delete File: <relative path>
            *** Update File: <relative path>
            @@ <optional line naming the class or function>
             <context line, starts with a space>
            -<removed line>
            +<added line>
            *** End Patch
            Show 3 lines of context around each change. Paths are relative to the repository root.""";

    private ExecutorPrompt() {
    }

    /** @param checks the session's checks, named so the model knows what will judge its patch */
    public static Prompt build(StepWork work, List<Check> checks, List<String> feedback, List<String> files,
            Function<String, Optional<String>> reader, String agentsMd, TokenBudget budget) {
        StringBuilder user = new StringBuilder()
                .append("Goal of the session: ").append(work.goal()).append("\n\n")
                .append("Step ").append(work.stepIndex() + 1).append(" of ").append(work.stepCount()).append(": ")
                .append(work.title()).append('\n')
                .append(work.instructions()).append("\n\n")
                .append("Checks: ");
        checks.forEach(c -> user.append('`').append(c.command()).append("` "));
        user.append("\n\n");
        if (!feedback.isEmpty()) {
            StringBuilder why = new StringBuilder();
            for (int i = 0; i < feedback.size(); i++) {
                why.append("Previous attempt ").append(i + 1).append(" was rejected: ").append(feedback.get(i))
                        .append('\n');
            }
            user.append(budget.truncate(why.toString(), budget.limit() / 4)).append('\n');
        }
        if (agentsMd != null && !agentsMd.isBlank()) {
            user.append("AGENTS.md of the repository:\n").append(budget.truncate(agentsMd, budget.limit() / 8))
                    .append("\n\n");
        }
        user.append("Files in the repository:\n")
                .append(budget.truncate(String.join("\n", files), budget.limit() / 8)).append("\n\n");

        int used = budget.count(SYSTEM) + budget.count(user.toString());
        List<String> omitted = new ArrayList<>();
        String mentions = (work.title() + "\n" + work.instructions() + "\n" + String.join("\n", feedback))
                .toLowerCase(Locale.ROOT);
        List<String> ordered = byRelevance(files, mentions);
        Map<String, String> shown = new LinkedHashMap<>();
        for (String path : ordered) {
            Optional<String> content = reader.apply(path).filter(ExecutorPrompt::isText);
            if (content.isEmpty()) {
                continue;
            }
            String block = "=== " + path + " ===\n" + content.get() + (content.get().endsWith("\n") ? "" : "\n");
            int cost = budget.count(block);
            if (used + cost > budget.limit()) {
                omitted.add(path);
                continue;
            }
            shown.put(path, block);
            used += cost;
        }
        // The note naming the omitted files must fit as well: give up the last shown files until it does.
        List<String> shownPaths = new ArrayList<>(shown.keySet());
        while (!omitted.isEmpty() && !shownPaths.isEmpty()
                && used + budget.count(omittedNote(omitted)) > budget.limit()) {
            String last = shownPaths.remove(shownPaths.size() - 1);
            used -= budget.count(shown.remove(last));
            omitted.add(last);
            omitted.sort(Comparator.comparingInt(ordered::indexOf));
        }
        shown.values().forEach(user::append);
        if (!omitted.isEmpty()) {
            user.append(omittedNote(omitted));
        }
        return new Prompt(SYSTEM, user.toString(), budget.count(SYSTEM) + budget.count(user.toString()),
                List.copyOf(omitted));
    }

    private static String omittedNote(List<String> omitted) {
        return "\n(Not shown to fit the token budget: " + String.join(", ", omitted) + ")\n";
    }

    /** Files the step mentions (by path or file name) first, then the rest, shortest paths first. */
    static List<String> byRelevance(List<String> files, String mentions) {
        Comparator<String> mentioned = Comparator.comparing(p -> !isMentioned(p, mentions));
        return files.stream().sorted(mentioned.thenComparing(String::length).thenComparing(p -> p)).toList();
    }

    private static boolean isMentioned(String path, String mentions) {
        String lower = path.toLowerCase(Locale.ROOT);
        String name = lower.substring(lower.lastIndexOf('/') + 1);
        return mentions.contains(lower) || mentions.contains(name);
    }

    private static boolean isText(String content) {
        return content.indexOf('\0') < 0;
    }
}

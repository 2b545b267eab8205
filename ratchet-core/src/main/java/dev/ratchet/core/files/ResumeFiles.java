package dev.ratchet.core.files;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.ratchet.core.plan.PlanRules;
import dev.ratchet.core.plan.PlanScope;
import dev.ratchet.core.plan.PlanStep;

/**
 * Reads back the PLAN.md and PROGRESS.md Ratchet writes ({@link PlanFile}, {@link ProgressFile}), so a session can
 * resume from a repository that holds them: the goal, the steps (ids {@code s1}, {@code s2}, ... in order, as a
 * new plan's, each with the scope line under its instructions, {@link ScopeLine}, so a resumed step keeps its files
 * and bounds) and which of them are done (ticked in PLAN.md or listed under "Done" in PROGRESS.md). Trusts nothing:
 * the caller bounds the files' sizes, and every rule a person's plan must keep ({@link PlanRules}) holds here too.
 */
public final class ResumeFiles {

    /** The most either file may hold: a plan of {@code max-steps} (20) steps of 8,000 characters fits in 256 KiB. */
    public static final int MAX_BYTES = 256 * 1024;

    private static final Pattern STEP = Pattern.compile("^- \\[([ x])] (\\d{1,3})\\. (.+)$");
    private static final Pattern SUFFIX = Pattern.compile(" \\((verified, attempt \\d+|in progress, attempt \\d+"
            + "|failed after \\d+ attempts|skipped by a person|done before the session resumed)\\)$");
    private static final Pattern DONE = Pattern.compile("^- (\\d{1,3})\\. (.+)$");

    /** What the two files say: the goal, the plan, and the indexes (from 0) of the steps already done. */
    public record Resume(String goal, List<PlanStep> steps, Set<Integer> done) {

        /** The first step not done; {@code steps.size()} when every step is. */
        public int next() {
            int i = 0;
            while (done.contains(i)) {
                i++;
            }
            return i;
        }
    }

    private ResumeFiles() {
    }

    /**
     * @throws IllegalArgumentException saying what is wrong (a file that is not Ratchet's, a step out of order, a
     *         plan over {@code maxSteps}, every step done)
     */
    public static Resume parse(String planMd, String progressMd, int maxSteps) {
        List<String> plan = planMd.lines().toList();
        if (plan.isEmpty() || !plan.get(0).equals("# PLAN")) {
            throw new IllegalArgumentException("PLAN.md does not start with \"# PLAN\": not a plan Ratchet wrote");
        }
        String goal = plan.stream().filter(l -> l.startsWith("Goal: ")).findFirst().map(l -> l.substring(6).strip())
                .filter(g -> !g.isEmpty())
                .orElseThrow(() -> new IllegalArgumentException("PLAN.md has no \"Goal: \" line"));
        List<PlanStep> steps = new ArrayList<>();
        Set<Integer> done = new TreeSet<>();
        for (int i = 0; i < plan.size() && !plan.get(i).startsWith("## "); i++) {
            Matcher m = STEP.matcher(plan.get(i));
            if (!m.matches()) {
                continue;
            }
            int number = Integer.parseInt(m.group(2));
            if (number != steps.size() + 1) {
                throw new IllegalArgumentException("PLAN.md line " + (i + 1) + ": step " + m.group(2) + " where step "
                        + (steps.size() + 1) + " was expected");
            }
            String title = SUFFIX.matcher(m.group(3)).replaceFirst("").strip();
            String instructions = i + 1 < plan.size() && plan.get(i + 1).startsWith("  ")
                    ? plan.get(i + 1).strip() : title;
            steps.add(new PlanStep("s" + number, title, instructions.isEmpty() ? title : instructions, null,
                    scope(plan, i + 2)));
            if (m.group(1).equals("x")) {
                done.add(number - 1);
            }
            if (steps.size() > maxSteps) {
                throw new IllegalArgumentException("PLAN.md has more than " + maxSteps + " steps");
            }
        }
        if (steps.isEmpty()) {
            throw new IllegalArgumentException("PLAN.md has no steps (\"- [ ] 1. title\" lines)");
        }
        PlanRules.violations(steps, maxSteps).stream().findFirst().ifPresent(v -> {
            throw new IllegalArgumentException("PLAN.md " + v.field() + ": " + v.message());
        });
        done.addAll(doneInProgress(progressMd, steps));
        Resume resume = new Resume(goal, List.copyOf(steps), Set.copyOf(done));
        if (resume.next() >= steps.size()) {
            throw new IllegalArgumentException("every step of PLAN.md is already done: nothing to resume");
        }
        return resume;
    }

    /** The scope line at {@code index} when there is one ({@link ScopeLine}), else none. */
    private static PlanScope scope(List<String> plan, int index) {
        if (index >= plan.size() || !plan.get(index).startsWith("  ")
                || !ScopeLine.looksLikeOne(plan.get(index).substring(2))) {
            return PlanScope.NONE;
        }
        try {
            return ScopeLine.parse(plan.get(index).substring(2));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("PLAN.md line " + (index + 1) + " is not a step's scope: "
                    + e.getMessage(), e);
        }
    }

    /** The steps PROGRESS.md lists under "Done", each checked against PLAN.md's step of that number. */
    private static Set<Integer> doneInProgress(String progressMd, List<PlanStep> steps) {
        List<String> lines = progressMd.lines().toList();
        if (lines.isEmpty() || !lines.get(0).equals("# PROGRESS")) {
            throw new IllegalArgumentException("PROGRESS.md does not start with \"# PROGRESS\": not progress Ratchet "
                    + "wrote");
        }
        int start = lines.indexOf("## Done");
        if (start < 0) {
            throw new IllegalArgumentException("PROGRESS.md has no \"## Done\" section");
        }
        Set<Integer> done = new TreeSet<>();
        for (int i = start + 1; i < lines.size() && !lines.get(i).startsWith("## "); i++) {
            Matcher m = DONE.matcher(lines.get(i));
            if (!m.matches()) {
                continue;
            }
            int number = Integer.parseInt(m.group(1));
            if (number < 1 || number > steps.size() || !m.group(2).startsWith(steps.get(number - 1).title() + " - ")) {
                throw new IllegalArgumentException("PROGRESS.md line " + (i + 1) + " names a step PLAN.md does not "
                        + "have: " + lines.get(i));
            }
            done.add(number - 1);
        }
        return done;
    }
}

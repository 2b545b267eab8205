package dev.ratchet.core.files;

import dev.ratchet.core.checks.Fixer;
import dev.ratchet.core.checks.LintFindings;
import dev.ratchet.core.event.Check;
import dev.ratchet.core.event.CheckResult;
import dev.ratchet.core.session.Attempt;
import dev.ratchet.core.session.Session;
import dev.ratchet.core.session.StepState;
import dev.ratchet.core.session.VariantOutcome;

/**
 * VERIFY.md: the checks every step must pass, and each decided attempt's results; for an attempt fanned out to
 * several variants, every candidate with its outcome, checks, size, lint findings and tokens, and why the winner won.
 */
final class VerifyFile {

    private VerifyFile() {
    }

    static String render(Session session) {
        StringBuilder md = new StringBuilder("# VERIFY\n\n")
                .append("Every step is applied to the verified state before it and kept only if all checks pass.\n\n")
                .append("| check | command | timeout | stage | when |\n|---|---|---|---|---|\n");
        for (Check check : session.checks()) {
            md.append("| ").append(check.name()).append(" | `").append(check.command()).append("` | ")
                    .append(check.timeoutSeconds()).append(" s | ").append(check.stage().json()).append(" | ")
                    .append(check.when().json()).append(check.browser() == null ? "" : ", browser").append(" |\n");
        }
        if (session.policy().cleanup() != null) {
            Fixer fixer = session.policy().cleanup();
            md.append("\nCleanup pass: ").append(fixer.name()).append(" `").append(fixer.command()).append("` (")
                    .append(fixer.timeoutSeconds()).append(" s) after each verified candidate, kept only if every"
                            + " check passes again.\n");
        }
        md.append("\n## Results\n\n");
        boolean any = false;
        for (StepState step : session.steps()) {
            for (Attempt attempt : step.attempts()) {
                if (attempt.decidedAt() == null) {
                    continue;
                }
                any = true;
                md.append("- ").append(step.index() + 1).append(". ").append(step.title()).append(", attempt ")
                        .append(attempt.number()).append(": ").append(attempt.status());
                if (attempt.reason() != null) {
                    md.append(" at ").append(attempt.stage()).append(" - ")
                            .append(SessionFiles.oneLine(attempt.reason()));
                }
                md.append('\n');
                if (attempt.width() > 1) {
                    variants(md, attempt);
                    continue;
                }
                for (CheckResult result : attempt.checks()) {
                    md.append(line(result)).append('\n');
                }
                if (attempt.cleanup() != null) {
                    md.append("  - ").append(SessionFiles.oneLine(attempt.cleanup().summary())).append('\n');
                }
            }
        }
        if (!any) {
            md.append("_No attempt has been verified yet._\n");
        }
        return md.toString();
    }

    /** Every variant of a fanned-out attempt, in order, with its checks; the ones that never answered too. */
    private static void variants(StringBuilder md, Attempt attempt) {
        md.append("  best of ").append(attempt.width()).append(attempt.winner().filter(VariantOutcome::passed)
                .map(w -> ": variant " + w.variant() + " won").orElse(": no variant passed")).append('\n');
        for (int v = 0; v < attempt.width(); v++) {
            VariantOutcome o = attempt.outcome(v).orElse(null);
            if (o == null) {
                md.append("  - variant ").append(v).append(": no verdict before the attempt was decided\n");
                continue;
            }
            md.append("  - variant ").append(v).append(o.chosen() && o.passed() ? " (winner)" : "").append(": ")
                    .append(o.status());
            if (!o.passed()) {
                md.append(" at ").append(o.stage());
            }
            if (o.stats() != null) {
                md.append(", +").append(o.stats().linesAdded()).append(" -").append(o.stats().linesRemoved())
                        .append(" lines");
            }
            if (o.lintFindings() != null) {
                md.append(", ").append(LintFindings.describe(o.lintFindings()));
            }
            md.append(", ").append(o.tokens()).append(" tokens");
            if (o.execution() != null) {
                md.append(", by ").append(o.execution().executor());
            }
            if (o.note() != null) {
                md.append(" - ").append(SessionFiles.oneLine(o.note()));
            }
            md.append('\n');
            for (CheckResult result : o.checks()) {
                md.append("  ").append(line(result)).append('\n');
            }
            if (o.cleanup() != null) {
                md.append("    - ").append(SessionFiles.oneLine(o.cleanup().summary())).append('\n');
            }
        }
    }

    /**
     * One check's result: PASS, FAIL or SKIP (with why), the exit status and time, the isolation it ran in, and
     * {@code cached} when the verification cache answered it (the same tree was checked before).
     */
    private static String line(CheckResult result) {
        if (result.skipped() != null) {
            return "  - SKIP " + result.name() + ": " + SessionFiles.oneLine(result.skipped());
        }
        StringBuilder line = new StringBuilder("  - ").append(result.passed() ? "PASS" : "FAIL").append(' ')
                .append(result.name()).append(" (exit ").append(result.exitCode())
                .append(result.timedOut() ? ", timed out" : "").append(", ").append(result.durationMs()).append(" ms");
        if (result.isolation() != null) {
            line.append(", ").append(result.isolation());
        }
        if (result.cached()) {
            line.append(", cached");
        }
        if (result.lintFindings() != null) {
            line.append(", ").append(LintFindings.describe(result.lintFindings()));
        }
        return line.append(')').toString();
    }
}

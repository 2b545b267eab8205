package dev.ratchet.workspace.verify;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.ratchet.core.event.BlobRef;
import dev.ratchet.core.event.Check;
import dev.ratchet.core.event.CheckResult;
import dev.ratchet.core.guardrail.Guardrails;

/**
 * One attempt verified end to end with real git and the real sandbox (the strongest isolation this machine has):
 * review before anything runs, checks in the sandbox, the verification cache.
 */
class AttemptVerifierTest extends SandboxedRepo {

    private static final String UPDATE = "diff --git a/app.py b/app.py\n--- a/app.py\n+++ b/app.py\n"
            + "@@ -1 +1 @@\n-print('hi')\n+print('hello')\n";
    private static final String DELETE = "diff --git a/app.py b/app.py\ndeleted file mode 100644\n"
            + "--- a/app.py\n+++ /dev/null\n@@ -1 +0,0 @@\n-print('hi')\n";

    /** The verification cache in memory, counting look-ups: no look-up means no check was even considered. */
    static final class MemoryCache implements CheckCache {
        final Map<String, CachedCheck> entries = new ConcurrentHashMap<>();
        final AtomicInteger lookups = new AtomicInteger();

        @Override
        public Optional<CachedCheck> find(String key) {
            lookups.incrementAndGet();
            return Optional.ofNullable(entries.get(key));
        }

        @Override
        public void put(String key, CachedCheck check) {
            entries.put(key, check);
        }
    }

    MemoryCache cache;
    AttemptVerifier verifier;

    @BeforeEach
    void repository() throws IOException {
        commit(Map.of("app.py", "print('hi')\n"));
        cache = new MemoryCache();
        verifier = new AttemptVerifier(workspaces(), checks(cache));
    }

    private AttemptVerifier.Outcome verify(String patch, Check... checks) {
        return verifier.verify(new AttemptVerifier.Request("s", repo.toString(), base, List.of(), patch,
                Guardrails.DEFAULTS, List.of(checks)), artifacts, () -> false);
    }

    @Test
    void aForgedDeleteInANoDeletesSessionIsRejectedAtReviewAndNothingRuns() {
        AttemptVerifier.Outcome outcome = verify(DELETE, new Check("would-run", "echo ran", 30));

        assertThat(outcome.stage()).isEqualTo("review");
        assertThat(outcome.reason()).isEqualTo("rejected by guardrail no-deletes: app.py");
        assertThat(outcome.checks()).isEmpty();
        assertThat(cache.lookups).as("no check was even looked up").hasValue(0);
    }

    @Test
    void checksRunInTheSandboxInTheOrderGivenAndStopAtTheFirstFailure() {
        AttemptVerifier.Outcome outcome = verify(UPDATE, new Check("reads-the-result", "grep -q hello app.py", 30),
                new Check("fails", "echo broken; exit 3", 30), new Check("never-runs", "true", 30));

        assertThat(outcome.stage()).isEqualTo("check");
        assertThat(outcome.reason()).isEqualTo("check 'fails' failed (exit 3)");
        assertThat(outcome.detail()).isEqualTo("broken\n");
        assertThat(outcome.checks()).extracting(CheckResult::name).containsExactly("reads-the-result", "fails");
        assertThat(outcome.checks()).allSatisfy(r -> {
            assertThat(r.isolation()).isEqualTo(sandbox.isolation().label());
            assertThat(r.cached()).isFalse();
        });
        assertThat(blobs).containsValue("broken\n");
        assertThat(outcome.checks().get(1).output()).isEqualTo(BlobRef.of("s", "broken\n"));
    }

    @Test
    void aCheckCannotWriteOutsideItsCopyAndSeesOnlyTheAllowedEnvironment() {
        Path escape = tmp.resolve("work").resolve("escape.txt");

        AttemptVerifier.Outcome outcome = verify(UPDATE,
                new Check("environment", "env | cut -d= -f1 | sort", 30),
                new Check("escape", "echo x > '" + escape + "'", 30));

        CheckResult environment = outcome.checks().get(0);
        assertThat(environment.passed()).isTrue();
        Set<String> allowed = Set.of("PATH", "LANG", "LC_ALL", "MALLOC_ARENA_MAX", "HOME", "TMPDIR", "PWD",
                "SHLVL", "_", "OLDPWD");
        assertThat(Arrays.stream(environment.outputTail().split("\n")).filter(n -> !n.isBlank()))
                .as("names in the check's environment").allMatch(allowed::contains);
        assertThat(outcome.checks().get(1).passed()).isFalse();
        assertThat(escape).doesNotExist();
        assertThat(outcome.stage()).isEqualTo("check");
    }

    @Test
    void theSameTreeIsNeverCheckedTwice() {
        Check clock = new Check("clock", "date +%s%N", 30);
        AttemptVerifier.Outcome first = verify(UPDATE, clock);
        String ranAt = blobs.get(first.checks().get(0).output().sha256());

        AttemptVerifier.Outcome again = verify(UPDATE, new Check("clock-renamed", "date +%s%N", 30));

        assertThat(first.verified()).isTrue();
        assertThat(first.checks().get(0).cached()).isFalse();
        CheckResult hit = again.checks().get(0);
        assertThat(hit.cached()).isTrue();
        assertThat(hit.name()).isEqualTo("clock-renamed");
        assertThat(blobs.get(hit.output().sha256())).as("the same output: no process ran").isEqualTo(ranAt);
        assertThat(cache.entries).hasSize(1);
        // another tree is checked anew
        String other = "diff --git a/app.py b/app.py\n--- a/app.py\n+++ b/app.py\n@@ -1 +1 @@\n-print('hi')\n"
                + "+print('hey')\n";
        assertThat(verify(other, clock).checks().get(0).cached()).isFalse();
        assertThat(cache.entries).hasSize(2);
    }

    @Test
    void aBrowserCheckWithoutChromiumIsSkippedNotPassedAndDoesNotFailTheStep() {
        Check ui = new Check("ui", "python3 -m http.server 8000", 60, Check.Stage.TEST, Check.When.STEP,
                new Check.Browser(8000, List.of("/"), 10));

        AttemptVerifier.Outcome outcome = verify(UPDATE, ui, new Check("after", "true", 30));

        assertThat(outcome.verified()).isTrue();
        assertThat(outcome.checks()).extracting(CheckResult::name).containsExactly("ui", "after");
        CheckResult skipped = outcome.checks().get(0);
        assertThat(skipped.passed()).isFalse();
        assertThat(skipped.skipped()).isEqualTo("chromium is not installed on this verifier, so the browser check did"
                + " not run (apt-get install -y chromium chromium-driver)");
    }

    @Test
    void aLintChecksFindingsAreCountedOnItsWholeOutputEvenWhenItPassesAndAgainFromTheCache() {
        // A real compiler as the linter: gcc warns about the unused variable and still exits 0.
        String gcc = "printf 'int f(void) { int unused; return 0; }\\n' > lint.c && gcc -Wall -c lint.c -o /dev/null";
        Check lint = new Check("lint", gcc, 60, Check.Stage.FAST, Check.When.STEP, null);
        Check unit = new Check("unit", gcc, 60);

        AttemptVerifier.Outcome outcome = verify(UPDATE, lint, unit);

        assertThat(outcome.verified()).isTrue();
        CheckResult linted = outcome.checks().get(0);
        assertThat(blobs.get(linted.output().sha256())).contains("lint.c:1:").contains("-Wunused-variable");
        assertThat(linted.lintFindings()).as("one warning, from a passing check").isEqualTo(1);
        assertThat(outcome.checks().get(1).lintFindings()).as("a test-stage check is not counted").isNull();

        CheckResult again = verify(UPDATE, lint).checks().get(0);
        assertThat(again.cached()).isTrue();
        assertThat(again.lintFindings()).isEqualTo(1);
    }
}

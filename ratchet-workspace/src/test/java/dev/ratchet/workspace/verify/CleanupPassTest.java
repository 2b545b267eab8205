package dev.ratchet.workspace.verify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.ratchet.core.checks.Fixer;
import dev.ratchet.core.event.Check;
import dev.ratchet.core.event.CheckResult;
import dev.ratchet.core.event.CleanupResult;
import dev.ratchet.core.guardrail.Guardrails;
import dev.ratchet.workspace.Git;

/**
 * The cleanup pass on real git and the real sandbox: a fixer that strips trailing whitespace is applied (the step's
 * patch holds both changes and the checks ran again on it), one whose change breaks a check, one that times out and
 * one that writes a read-only path are discarded with the candidate's own patch kept, one that changes nothing says so.
 */
class CleanupPassTest extends SandboxedRepo {

    /** The candidate: a new line with trailing blanks, and a line the fixer of one test removes. */
    private static final String CANDIDATE = "diff --git a/app.py b/app.py\n--- a/app.py\n+++ b/app.py\n"
            + "@@ -1 +1,2 @@\n-print('hi')\n+print('hello')   \n+keep = 1\n";
    private static final String STRIP = "sed -i 's/[[:space:]]*$//' app.py";
    private static final Check SAYS_HELLO = new Check("says-hello", "grep -q hello app.py", 30);

    AttemptVerifier verifier;

    @BeforeEach
    void repository() throws IOException {
        commit(Map.of("app.py", "print('hi')\n", "vendor/lib.py", "x = 1   \n"));
        StagedChecks checks = checks(new AttemptVerifierTest.MemoryCache());
        verifier = new AttemptVerifier(workspaces(), checks, new CleanupPass(sandbox, checks));
    }

    private AttemptVerifier.Outcome verify(Guardrails guardrails, Fixer fixer, Check... checks) {
        return verifier.verify(new AttemptVerifier.Request("s", repo.toString(), base, List.of(), CANDIDATE,
                guardrails, List.of(checks), Optional.empty(), Optional.of(fixer)), artifacts, () -> false);
    }

    @Test
    void aFixerWhoseChangeKeepsEveryCheckGreenIsPartOfTheStepsPatch() throws IOException {
        AttemptVerifier.Outcome outcome = verify(Guardrails.DEFAULTS, Fixer.of("strip", STRIP, 30), SAYS_HELLO);

        assertThat(outcome.verified()).isTrue();
        assertThat(outcome.cleanup()).isEqualTo(new CleanupResult("strip", CleanupResult.APPLIED, null, 2,
                outcome.cleanup().durationMs()));
        assertThat(outcome.cleanedPatch()).contains("+print('hello')\n").contains("+keep = 1\n")
                .doesNotContain("hello')   ");
        assertThat(outcome.checks()).extracting(CheckResult::name, CheckResult::passed)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("says-hello", true));
        // The cleaned patch is one git applies to the step's starting state: the next step's base.
        Git.runWithInput(repo, outcome.cleanedPatch(), "apply", "--index", "-");
        assertThat(Files.readString(repo.resolve("app.py"))).isEqualTo("print('hello')\nkeep = 1\n");
    }

    @Test
    void aFixerWhoseChangeBreaksACheckIsDiscardedAndTheCandidatesPatchKept() {
        AttemptVerifier.Outcome outcome = verify(Guardrails.DEFAULTS,
                Fixer.of("drop-keep", "sed -i '/keep/d' app.py", 30), SAYS_HELLO,
                new Check("keeps", "grep -q keep app.py", 30));

        assertThat(outcome.verified()).isTrue();
        assertThat(outcome.cleanup().status()).isEqualTo(CleanupResult.DISCARDED);
        assertThat(outcome.cleanup().reason()).isEqualTo("check 'keeps' failed (exit 1) on the cleaned tree");
        assertThat(outcome.cleanedPatch()).isNull();
        assertThat(outcome.checks()).extracting(CheckResult::passed).containsExactly(true, true);
    }

    @Test
    void aFixerThatTimesOutIsDiscarded() {
        AttemptVerifier.Outcome outcome = verify(Guardrails.DEFAULTS, Fixer.of("slow", "sleep 30", 1), SAYS_HELLO);

        assertThat(outcome.verified()).isTrue();
        assertThat(outcome.cleanup().status()).isEqualTo(CleanupResult.DISCARDED);
        assertThat(outcome.cleanup().reason()).isEqualTo("the fixer timed out after 1 s");
        assertThat(outcome.cleanedPatch()).isNull();
    }

    @Test
    void aFixerThatWritesAReadOnlyPathIsDiscardedByTheGuardrails() {
        Guardrails vendorReadOnly = new Guardrails(List.of("**"), List.of("vendor/**"),
                Guardrails.DEFAULTS.forbid(), false, 400, 400, 20);

        AttemptVerifier.Outcome outcome = verify(vendorReadOnly,
                Fixer.of("strip-all", "sed -i 's/[[:space:]]*$//' app.py vendor/lib.py", 30), SAYS_HELLO);

        assertThat(outcome.verified()).isTrue();
        assertThat(outcome.cleanup().status()).isEqualTo(CleanupResult.DISCARDED);
        assertThat(outcome.cleanup().reason()).startsWith("the cleaned patch is rejected by guardrail")
                .contains("vendor/lib.py");
        assertThat(outcome.cleanedPatch()).isNull();
    }

    @Test
    void aFixerThatChangesNothingSaysSo() {
        AttemptVerifier.Outcome outcome = verify(Guardrails.DEFAULTS, Fixer.of("noop", "true", 30), SAYS_HELLO);

        assertThat(outcome.cleanup().status()).isEqualTo(CleanupResult.UNCHANGED);
        assertThat(outcome.cleanedPatch()).isNull();
    }

    @Test
    void aSessionWithoutAFixerRunsNoPass() {
        AttemptVerifier.Outcome outcome = verifier.verify(new AttemptVerifier.Request("s", repo.toString(), base,
                List.of(), CANDIDATE, Guardrails.DEFAULTS, List.of(SAYS_HELLO)), artifacts, () -> false);

        assertThat(outcome.verified()).isTrue();
        assertThat(outcome.cleanup()).isNull();
    }

    @Test
    void noFixerStartsOnceTheAttemptStoppedBeingThisVerifiers() {
        AtomicInteger asked = new AtomicInteger();

        // The one check asks first and runs; the pass asks next and finds the attempt gone.
        assertThatThrownBy(() -> verifier.verify(new AttemptVerifier.Request("s", repo.toString(), base, List.of(),
                CANDIDATE, Guardrails.DEFAULTS, List.of(SAYS_HELLO), Optional.empty(),
                Optional.of(Fixer.of("strip", STRIP, 30))), artifacts, () -> asked.incrementAndGet() > 1))
                .isInstanceOf(VerificationStoppedException.class).hasMessage("stopped before the cleanup pass");
    }
}

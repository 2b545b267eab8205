package dev.ratchet.k8s.checks;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.ratchet.core.event.BlobRef;
import dev.ratchet.core.event.Check;
import dev.ratchet.core.event.CheckResult;
import dev.ratchet.core.guardrail.Guardrails;
import dev.ratchet.workspace.Git;
import dev.ratchet.workspace.Workspaces;
import dev.ratchet.workspace.browser.BrowserChecks;
import dev.ratchet.workspace.sandbox.CheckContext;
import dev.ratchet.workspace.sandbox.SandboxConfig;
import dev.ratchet.workspace.sandbox.SandboxLimits;
import dev.ratchet.workspace.sandbox.SandboxRunner;
import dev.ratchet.workspace.verify.AttemptVerifier;
import dev.ratchet.workspace.verify.CheckCache;
import dev.ratchet.workspace.verify.StagedChecks;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;

/**
 * A step verified as the verifier does it ({@link AttemptVerifier}: real git, the patch applied, the checks in stage
 * order) with its command checks as Jobs on the fabric8 mock API server, {@link Kubelet} running them: a failing Job
 * is a step rejected at the check stage, a Job past its deadline a timed-out check, passing Jobs a verified step.
 */
@EnableKubernetesMockClient(crud = true)
class JobStepVerificationTest {

    private static final String UPDATE = "diff --git a/app.py b/app.py\n--- a/app.py\n+++ b/app.py\n"
            + "@@ -1 +1 @@\n-print('hi')\n+print('hello')\n";

    static KubernetesClient client;

    @TempDir
    Path tmp;

    private Kubelet kubelet;
    private SandboxRunner sandbox;
    private AttemptVerifier verifier;
    private Path repo;
    private String base;

    @BeforeEach
    void setUp() throws IOException {
        Path volume = Files.createDirectories(tmp.resolve("claim"));
        kubelet = new Kubelet(client, volume, tmp);
        // Browser checks' sandbox (none here); /tmp, which a check's user (uid 65534 under root) can reach.
        sandbox = new SandboxRunner(SandboxConfig.defaults().withBaseDir(Path.of("/tmp")));
        JobCheckRunner jobs = new JobCheckRunner(client, new CheckJobSettings(client.getNamespace(),
                "ratchet/verifier-service:test", "ratchet-check-workspaces", volume, SandboxLimits.defaults(), "250m",
                "2", "512Mi", SandboxConfig.DEFAULT_HEAD_BYTES, SandboxConfig.DEFAULT_TAIL_BYTES, 185, 185,
                Duration.ofSeconds(60), Duration.ofMinutes(10), Optional.empty()));
        verifier = new AttemptVerifier(new Workspaces(tmp.resolve("work"), Duration.ofMinutes(30)),
                new StagedChecks(sandbox, jobs, new BrowserChecks(sandbox, Optional.empty()), CheckCache.NONE, 4096,
                        "verifier-test"));
        repo = Files.createDirectories(tmp.resolve("repo"));
        Files.writeString(repo.resolve("app.py"), "print('hi')\n");
        Git.run(repo, "init", "-q");
        Git.run(repo, "add", "-A");
        Git.run(repo, "commit", "-q", "-m", "initial");
        base = Git.headCommit(repo);
    }

    @AfterEach
    void tearDown() {
        kubelet.close();
        sandbox.close();
    }

    private AttemptVerifier.Outcome verify(Check... checks) {
        return verifier.verify(new AttemptVerifier.Request("s-1", repo.toString(), base, List.of(), UPDATE,
                Guardrails.DEFAULTS, List.of(checks)), content -> BlobRef.of("s-1", content),
                new CheckContext("s-1", "s1", 1, () -> false));
    }

    @Test
    void passingJobsOnThePatchedTreeVerifyTheStep() {
        AttemptVerifier.Outcome outcome = verify(new Check("reads-the-result", "grep -q hello app.py", 30));

        assertThat(outcome.verified()).as(outcome.reason() + ": " + outcome.detail()).isTrue();
        assertThat(outcome.checks()).singleElement().satisfies(r -> {
            assertThat(r.passed()).isTrue();
            assertThat(r.isolation()).isEqualTo("kubernetes-job");
        });
    }

    @Test
    void aFailingJobIsAStepRejectedAtTheCheckStage() {
        AttemptVerifier.Outcome outcome = verify(new Check("fails", "echo broken; exit 3", 30),
                new Check("never-runs", "true", 30));

        assertThat(outcome.stage()).isEqualTo("check");
        assertThat(outcome.reason()).isEqualTo("check 'fails' failed (exit 3)");
        assertThat(outcome.detail()).startsWith("broken\n").contains("BackoffLimitExceeded");
        assertThat(outcome.checks()).extracting(CheckResult::name).containsExactly("fails");
        assertThat(kubelet.seen()).hasSize(1);
    }

    @Test
    void aJobPastItsDeadlineIsAStepRejectedForATimeout() {
        kubelet.mode = Kubelet.Mode.DEADLINE;

        AttemptVerifier.Outcome outcome = verify(new Check("slow", "sleep 3600", 30));

        assertThat(outcome.stage()).isEqualTo("check");
        assertThat(outcome.reason()).startsWith("check 'slow' timed out after");
        assertThat(outcome.detail()).contains("DeadlineExceeded");
    }
}

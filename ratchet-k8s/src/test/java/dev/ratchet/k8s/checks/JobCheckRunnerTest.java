package dev.ratchet.k8s.checks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.ratchet.core.event.Check;
import dev.ratchet.workspace.sandbox.CheckContext;
import dev.ratchet.workspace.sandbox.Isolation;
import dev.ratchet.workspace.sandbox.SandboxLimits;
import dev.ratchet.workspace.sandbox.SandboxResult;
import dev.ratchet.workspace.verify.VerificationStoppedException;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;

/**
 * Checks as Kubernetes Jobs against the fabric8 mock API server in CRUD mode, with {@link Kubelet} running each
 * Job's command for real in the shared directory and writing the Job's status.
 */
@EnableKubernetesMockClient(crud = true)
class JobCheckRunnerTest {

    static KubernetesClient client;

    @TempDir
    Path tmp;

    private Path volume;
    private Path workspace;
    private Kubelet kubelet;
    private JobCheckRunner runner;

    @BeforeEach
    void setUp() throws IOException {
        volume = tmp.resolve("claim");
        workspace = Files.createDirectories(tmp.resolve("workspace"));
        Files.writeString(workspace.resolve("README.md"), "the workspace's own file\n");
        kubelet = new Kubelet(client, Files.createDirectories(volume), tmp);
        runner = new JobCheckRunner(client, settings(16, 32));
    }

    @AfterEach
    void tearDown() {
        kubelet.close();
    }

    private CheckJobSettings settings(int headBytes, int tailBytes) {
        return new CheckJobSettings(client.getNamespace(), "ratchet/verifier-service:test", "ratchet-check-workspaces",
                volume, new SandboxLimits(2L << 30, 512, 64L << 20), "250m", "2", "512Mi", headBytes, tailBytes,
                185, 185, Duration.ofSeconds(60), Duration.ofMinutes(10),
                Optional.of(new CheckJobSettings.OwnerPod("verifier-service-7d9f-abcde", "0d1c-uid")));
    }

    private static CheckContext context() {
        return new CheckContext("s-1234", "s2", 3, () -> false);
    }

    @Test
    void aPassingCheckRunsOnTheWorkspaceCopyAndIsAPassedCheck() {
        SandboxResult result = runner.run(new Check("readme", "cat README.md && echo done", 30), workspace, context());

        assertThat(result.passed()).as(result.output()).isTrue();
        assertThat(result.exitCode()).isZero();
        assertThat(result.output()).isEqualTo("the workspace's own file\ndone\n");
        assertThat(result.outputBytes()).isEqualTo(30);
        assertThat(result.isolation()).isEqualTo(Isolation.KUBERNETES_JOB);
        assertJobAndCopyGone();
    }

    @Test
    void theJobCarriesEverySecuritySettingAndNamesItsCheck() {
        runner.run(new Check("unit tests", "true", 300), workspace, new CheckContext("s-1234", "../s2", 3,
                () -> false));

        assertThat(kubelet.seen()).hasSize(1);
        Job job = kubelet.seen().values().iterator().next();
        assertThat(job.getMetadata().getLabels()).containsEntry("app.kubernetes.io/name", "ratchet-check")
                .containsEntry("app.kubernetes.io/part-of", "ratchet")
                .containsEntry("app.kubernetes.io/component", "check")
                .containsEntry("ratchet.dev/session", "s-1234").containsEntry("ratchet.dev/step", "s2")
                .containsEntry("ratchet.dev/attempt", "3").containsEntry("ratchet.dev/check", "unit-tests");
        assertThat(job.getMetadata().getOwnerReferences()).singleElement().satisfies(owner -> {
            assertThat(owner.getKind()).isEqualTo("Pod");
            assertThat(owner.getName()).isEqualTo("verifier-service-7d9f-abcde");
            assertThat(owner.getUid()).isEqualTo("0d1c-uid");
        });
        assertThat(job.getSpec().getBackoffLimit()).isZero();
        assertThat(job.getSpec().getActiveDeadlineSeconds()).isEqualTo(300 + 60);
        assertThat(job.getSpec().getTtlSecondsAfterFinished()).isEqualTo(600);
        assertThat(job.getSpec().getTemplate().getMetadata().getLabels()).isEqualTo(job.getMetadata().getLabels());
        PodSpec pod = job.getSpec().getTemplate().getSpec();
        assertThat(pod.getAutomountServiceAccountToken()).isFalse();
        assertThat(pod.getEnableServiceLinks()).isFalse();
        assertThat(pod.getRestartPolicy()).isEqualTo("Never");
        assertThat(pod.getSecurityContext().getRunAsNonRoot()).isTrue();
        assertThat(pod.getSecurityContext().getRunAsUser()).isEqualTo(185);
        assertThat(pod.getSecurityContext().getSeccompProfile().getType()).isEqualTo("RuntimeDefault");
        Container container = pod.getContainers().get(0);
        assertThat(container.getImage()).isEqualTo("ratchet/verifier-service:test");
        assertThat(container.getCommand()).containsExactly("sh", "-c", CheckJobs.WRAPPER);
        assertThat(container.getEnv()).anyMatch(e -> e.getName().equals(CheckJobs.COMMAND_ENV)
                && e.getValue().equals("true"));
        assertThat(container.getSecurityContext().getReadOnlyRootFilesystem()).isTrue();
        assertThat(container.getSecurityContext().getAllowPrivilegeEscalation()).isFalse();
        assertThat(container.getSecurityContext().getRunAsNonRoot()).isTrue();
        assertThat(container.getSecurityContext().getCapabilities().getDrop()).containsExactly("ALL");
        assertThat(container.getResources().getLimits().get("memory").getNumericalAmount().longValue())
                .isEqualTo(2L << 30);
        assertThat(container.getResources().getLimits()).containsKey("cpu");
        assertThat(container.getResources().getRequests()).containsKeys("cpu", "memory");
        String subPath = container.getVolumeMounts().stream().filter(m -> m.getMountPath().equals("/ratchet"))
                .findFirst().orElseThrow().getSubPath();
        assertThat(job.getMetadata().getName()).isEqualTo("ratchet-check-" + subPath);
        assertThat(pod.getVolumes()).anyMatch(v -> v.getPersistentVolumeClaim() != null
                && v.getPersistentVolumeClaim().getClaimName().equals("ratchet-check-workspaces"));
        assertThat(pod.getVolumes()).anyMatch(v -> v.getName().equals("tmp") && v.getEmptyDir() != null);
    }

    @Test
    void aFailingCheckIsAFailedCheckWithItsStatusOutputAndTheJobsReason() {
        SandboxResult result = runner.run(new Check("unit", "echo broken >&2; exit 3", 30), workspace, context());

        assertThat(result.passed()).isFalse();
        assertThat(result.timedOut()).isFalse();
        assertThat(result.exitCode()).isEqualTo(3);
        assertThat(result.output()).startsWith("broken\n").contains("BackoffLimitExceeded");
        assertJobAndCopyGone();
    }

    @Test
    void aJobPastItsDeadlineIsATimedOutCheck() {
        kubelet.mode = Kubelet.Mode.DEADLINE;

        SandboxResult result = runner.run(new Check("slow", "sleep 3600", 30), workspace, context());

        assertThat(result.passed()).isFalse();
        assertThat(result.timedOut()).isTrue();
        assertThat(result.exitCode()).isEqualTo(-1);
        assertThat(result.output()).contains("DeadlineExceeded").contains("active longer than specified deadline");
        assertJobAndCopyGone();
    }

    @Test
    void aJobThatVanishesIsAFailedCheck() {
        kubelet.mode = Kubelet.Mode.DELETE;

        SandboxResult result = runner.run(new Check("unit", "true", 30), workspace, context());

        assertThat(result.passed()).isFalse();
        assertThat(result.output()).contains("the Job was deleted before it finished");
        assertJobAndCopyGone();
    }

    @Test
    void aStoppedVerificationDeletesTheJob() {
        kubelet.mode = Kubelet.Mode.HANG;
        AtomicBoolean stopped = new AtomicBoolean();
        Thread stopper = new Thread(() -> {
            await().atMost(Duration.ofSeconds(30)).until(() -> !kubelet.seen().isEmpty());
            stopped.set(true);
        });
        stopper.start();

        assertThatThrownBy(() -> runner.run(new Check("unit", "true", 30), workspace,
                new CheckContext("s-1234", "s2", 3, stopped::get)))
                .isInstanceOf(VerificationStoppedException.class).hasMessageContaining("ratchet-check-");
        assertJobAndCopyGone();
    }

    @Test
    void theOutputIsBoundedToItsHeadAndTailWithTheLeftOutBytesCounted() {
        // 16 head bytes, 32 tail bytes; 1,000 lines of 6 bytes.
        SandboxResult result = runner.run(new Check("loud", "i=0; while [ $i -lt 1000 ]; do printf 'l%04d\\n' $i;"
                + " i=$((i+1)); done", 30), workspace, context());

        assertThat(result.passed()).isTrue();
        assertThat(result.outputBytes()).isEqualTo(6000);
        assertThat(result.output()).isEqualTo("l0000\nl0001\nl000\n[ratchet: 5952 bytes of output left out]\n"
                + "4\nl0995\nl0996\nl0997\nl0998\nl0999\n");
    }

    @Test
    void aCheckCannotForgeItsStatusNorHandBackAFileThroughALink() {
        SandboxResult forged = runner.run(new Check("forge", "ln -sf /etc/passwd \"$RATCHET_CHECK_DIR/tail\";"
                + " (sleep 1; echo 0 > \"$RATCHET_CHECK_DIR/exit\") & exit 7", 30), workspace, context());

        assertThat(forged.passed()).isFalse();
        assertThat(forged.output()).doesNotContain("root:");
    }

    private void assertJobAndCopyGone() {
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(
                client.batch().v1().jobs().inNamespace(client.getNamespace()).list().getItems()).isEmpty());
        try (Stream<Path> left = Files.list(volume)) {
            assertThat(left.toList()).isEqualTo(List.of());
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }
}

package dev.ratchet.k8s;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import dev.ratchet.core.event.Check;
import dev.ratchet.k8s.checks.CheckJobSettings;
import dev.ratchet.k8s.checks.CheckJobs;
import dev.ratchet.workspace.sandbox.CheckContext;
import dev.ratchet.workspace.sandbox.SandboxConfig;
import dev.ratchet.workspace.sandbox.SandboxLimits;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.rbac.Role;
import io.fabric8.kubernetes.api.model.rbac.RoleBinding;

/**
 * The prod-check-jobs overlay (checks as Kubernetes Jobs) and the Job a check gets ({@link CheckJobs}) held to the
 * manifests' rules: a shared ReadWriteMany volume, the verifier's rights on Jobs alone, every check Job's pod shut off
 * the network in every overlay and as locked down as the services' pods.
 */
class CheckJobsManifestsTest {

    static final String OVERLAY = "prod-check-jobs";

    static List<String> overlays() throws Exception {
        return Manifests.overlays();
    }

    @Test
    void theOverlayRunsChecksAsJobsOnTheVolumeTheVerifierMounts() throws Exception {
        List<HasMetadata> objects = Manifests.render("overlays/" + OVERLAY);
        Map<String, String> config = Manifests.named(objects, ConfigMap.class, "ratchet-config").getData();
        assertThat(config).containsEntry("ratchet.verifier.sandbox", "kubernetes")
                .containsEntry("ratchet.verifier.kubernetes.image", "ratchet/verifier-service:"
                        + System.getProperty("ratchet.version"));
        PersistentVolumeClaim claim = Manifests.named(objects, PersistentVolumeClaim.class,
                config.get("ratchet.verifier.kubernetes.workspace-claim"));
        assertThat(claim.getSpec().getAccessModes()).containsExactly("ReadWriteMany");

        PodSpec verifier = Manifests.named(objects, Deployment.class, "verifier-service").getSpec().getTemplate()
                .getSpec();
        String volume = verifier.getVolumes().stream().filter(v -> v.getPersistentVolumeClaim() != null
                && v.getPersistentVolumeClaim().getClaimName().equals(claim.getMetadata().getName())).findFirst()
                .orElseThrow().getName();
        Container container = verifier.getContainers().get(0);
        assertThat(container.getVolumeMounts()).anyMatch(m -> m.getName().equals(volume)
                && m.getMountPath().equals(config.get("ratchet.verifier.kubernetes.workspace-dir")));
        assertThat(verifier.getAutomountServiceAccountToken()).isTrue();
        assertThat(container.getEnv().stream().filter(e -> e.getValueFrom() != null)
                .map(e -> e.getName() + "=" + e.getValueFrom().getFieldRef().getFieldPath()))
                .contains("RATCHET_VERIFIER_KUBERNETES_OWNER_POD_NAME=metadata.name",
                        "RATCHET_VERIFIER_KUBERNETES_OWNER_POD_UID=metadata.uid");
    }

    @Test
    void theVerifierMayMakeWatchAndDeleteJobsAndNothingElse() throws Exception {
        List<HasMetadata> objects = Manifests.render("overlays/" + OVERLAY);
        List<RoleBinding> verifiers = Manifests.all(objects, RoleBinding.class).stream()
                .filter(b -> b.getSubjects().stream().anyMatch(s -> s.getName().equals("verifier-service")))
                .toList();
        assertThat(verifiers).singleElement().satisfies(binding -> {
            assertThat(binding.getSubjects()).singleElement().satisfies(s -> assertThat(s.getKind())
                    .isEqualTo("ServiceAccount"));
            Role role = Manifests.named(objects, Role.class, binding.getRoleRef().getName());
            assertThat(role.getRules()).singleElement().satisfies(rule -> {
                assertThat(rule.getApiGroups()).containsExactly("batch");
                assertThat(rule.getResources()).containsExactly("jobs");
                assertThat(rule.getVerbs()).containsExactlyInAnyOrder("create", "get", "list", "watch", "delete");
            });
        });
        assertThat(Manifests.all(Manifests.render("overlays/prod"), RoleBinding.class))
                .noneMatch(b -> b.getSubjects().stream().anyMatch(s -> s.getName().equals("verifier-service")));
    }

    /** Whatever overlay runs, a check's pod is selected by a deny-all policy and by nothing that allows traffic. */
    @ParameterizedTest
    @MethodSource("overlays")
    void everyCheckJobIsShutOffTheNetwork(String overlay) throws Exception {
        List<HasMetadata> objects = Manifests.render("overlays/" + overlay);
        Map<String, String> labels = job(objects).getSpec().getTemplate().getMetadata().getLabels();
        List<NetworkPolicy> selecting = Manifests.all(objects, NetworkPolicy.class).stream()
                .filter(p -> Selectors.matches(p.getSpec().getPodSelector(), labels)).toList();
        assertThat(selecting).as(overlay).isNotEmpty().allSatisfy(p -> {
            assertThat(p.getSpec().getPolicyTypes()).containsExactlyInAnyOrder("Ingress", "Egress");
            assertThat(p.getSpec().getIngress()).isEmpty();
            assertThat(p.getSpec().getEgress()).isEmpty();
        });
    }

    @Test
    void aCheckJobIsAsLockedDownAsEveryPodAndMountsTheOverlaysClaim() throws Exception {
        List<HasMetadata> objects = Manifests.render("overlays/" + OVERLAY);
        Job job = job(objects);
        assertThat(UnknownFields.of(job)).isEmpty();
        assertThat(job.getSpec().getBackoffLimit()).isZero();
        assertThat(job.getSpec().getActiveDeadlineSeconds()).isEqualTo(600 + 60);
        assertThat(job.getSpec().getTtlSecondsAfterFinished()).isPositive();
        PodSpec pod = job.getSpec().getTemplate().getSpec();
        assertThat(pod.getAutomountServiceAccountToken()).isFalse();
        assertThat(pod.getSecurityContext().getRunAsNonRoot()).isTrue();
        assertThat(pod.getSecurityContext().getSeccompProfile().getType()).isEqualTo("RuntimeDefault");
        Container container = pod.getContainers().get(0);
        var security = container.getSecurityContext();
        assertThat(security.getAllowPrivilegeEscalation()).isFalse();
        assertThat(security.getReadOnlyRootFilesystem()).isTrue();
        assertThat(security.getRunAsNonRoot()).isTrue();
        assertThat(security.getCapabilities().getDrop()).containsExactly("ALL");
        assertThat(security.getCapabilities().getAdd()).isNullOrEmpty();
        var resources = container.getResources();
        assertThat(resources.getRequests()).containsKeys("cpu", "memory");
        assertThat(resources.getLimits()).containsKeys("cpu", "memory");
        assertThat(resources.getLimits().get("memory").getNumericalAmount())
                .isGreaterThanOrEqualTo(resources.getRequests().get("memory").getNumericalAmount());
        // Nothing of the verifier's environment: the check's command and where its files are.
        assertThat(container.getEnv()).extracting(EnvVar::getName).allMatch(n -> n.startsWith("RATCHET_CHECK_")
                || n.equals("HOME") || n.equals("TMPDIR"));
        String claim = Manifests.named(objects, PersistentVolumeClaim.class, "ratchet-check-workspaces").getMetadata()
                .getName();
        assertThat(pod.getVolumes()).anyMatch(v -> v.getPersistentVolumeClaim() != null
                && v.getPersistentVolumeClaim().getClaimName().equals(claim));
    }

    /** The Job the verifier would make in this overlay, with its config and the sandbox's default limits. */
    private static Job job(List<HasMetadata> objects) {
        Map<String, String> config = Manifests.named(objects, ConfigMap.class, "ratchet-config").getData();
        CheckJobSettings settings = new CheckJobSettings("ratchet",
                config.getOrDefault("ratchet.verifier.kubernetes.image", "ratchet/verifier-service"),
                config.getOrDefault("ratchet.verifier.kubernetes.workspace-claim", "ratchet-check-workspaces"),
                Path.of(config.getOrDefault("ratchet.verifier.kubernetes.workspace-dir", "/var/lib/ratchet/check-jobs")),
                SandboxLimits.defaults(), "250m", "2", "512Mi", SandboxConfig.DEFAULT_HEAD_BYTES,
                SandboxConfig.DEFAULT_TAIL_BYTES, 185, 185, Duration.ofSeconds(60), Duration.ofMinutes(10),
                Optional.empty());
        return CheckJobs.job("ratchet-check-0", "0", new Check("test", "mvn -q verify", 600),
                new CheckContext("s-1", "s1", 1, () -> false), settings);
    }
}

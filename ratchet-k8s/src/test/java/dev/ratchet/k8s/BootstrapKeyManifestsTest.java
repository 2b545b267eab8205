package dev.ratchet.k8s;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.SecretVolumeSource;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeMount;
import io.fabric8.kubernetes.api.model.apps.Deployment;

/**
 * The first API key on Kubernetes: in every overlay the planner mounts the optional Secret
 * {@value #SECRET} (so that it starts without one) read-only where {@code ratchet.auth.bootstrap.key-file} in the
 * ConfigMap says, and no other service mounts it.
 */
class BootstrapKeyManifestsTest {

    /** The names docs/KUBERNETES.md ("The first API key") and the planner's warning (KeyBootstrap) tell people. */
    static final String SECRET = "ratchet-bootstrap-key";
    static final String SECRET_KEY = "api-key";

    @ParameterizedTest
    @MethodSource("dev.ratchet.k8s.Manifests#overlays")
    void thePlannerMountsTheOptionalSecretWhereTheConfigNamesTheKeyFile(String overlay) throws Exception {
        List<HasMetadata> objects = Manifests.render("overlays/" + overlay);
        Map<String, String> config = Manifests.named(objects, ConfigMap.class, "ratchet-config").getData();
        Path keyFile = Path.of(config.get("ratchet.auth.bootstrap.key-file"));
        assertThat(keyFile.isAbsolute()).as(keyFile.toString()).isTrue();
        assertThat(config.get("ratchet.auth.bootstrap.team")).as("the controller's team, whose repositories it may use")
                .isEqualTo("kubernetes").satisfies(team -> assertThat(config)
                        .containsKey("ratchet.teams." + team + ".repo-roots"));

        PodSpec planner = pod(objects, "planner-service");
        Volume volume = planner.getVolumes().stream().filter(v -> v.getSecret() != null
                && SECRET.equals(v.getSecret().getSecretName())).findFirst().orElseThrow(
                        () -> new AssertionError("the planner mounts no Secret " + SECRET));
        SecretVolumeSource secret = volume.getSecret();
        assertThat(secret.getOptional()).as("the planner starts before anyone made the Secret").isTrue();
        assertThat(secret.getItems()).singleElement().satisfies(item -> {
            assertThat(item.getKey()).isEqualTo(SECRET_KEY);
            assertThat(item.getPath()).isEqualTo(keyFile.getFileName().toString());
        });
        assertThat(secret.getDefaultMode()).as("owner and group read only").isEqualTo(0440);

        Container container = planner.getContainers().get(0);
        VolumeMount mount = container.getVolumeMounts().stream().filter(m -> m.getName().equals(volume.getName()))
                .findFirst().orElseThrow();
        assertThat(mount.getReadOnly()).isTrue();
        assertThat(Path.of(mount.getMountPath())).isEqualTo(keyFile.getParent());

        for (String other : List.of("executor-service", "verifier-service", "skills-registry")) {
            assertThat(pod(objects, other).getVolumes()).as(other)
                    .noneMatch(v -> v.getSecret() != null && SECRET.equals(v.getSecret().getSecretName()));
        }
    }

    private static PodSpec pod(List<HasMetadata> objects, String service) {
        return Manifests.named(objects, Deployment.class, service).getSpec().getTemplate().getSpec();
    }
}

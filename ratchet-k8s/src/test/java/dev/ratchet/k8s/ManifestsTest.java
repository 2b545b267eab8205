package dev.ratchet.k8s;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import dev.ratchet.core.event.Topics;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.Probe;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.rbac.ClusterRole;
import io.fabric8.kubernetes.api.model.rbac.ClusterRoleBinding;
import io.fabric8.kubernetes.api.model.rbac.PolicyRule;
import io.fabric8.kubernetes.api.model.rbac.Role;
import io.fabric8.kubernetes.api.model.rbac.RoleBinding;

/**
 * Every overlay of k8s/ rendered by kubectl (kustomize v2.0.3 or later) and held to the rules docs/KUBERNETES.md
 * states.
 */
class ManifestsTest {

    private static final List<String> SERVICES = List.of("planner-service", "executor-service", "verifier-service",
            "skills-registry");
    /** Custom resources of operators Ratchet relies on (Strimzi, KEDA): fabric8 has no model for them. */
    private static final Set<String> OPERATOR_KINDS = Set.of("kafka.strimzi.io/v1beta2/Kafka",
            "kafka.strimzi.io/v1beta2/KafkaNodePool", "kafka.strimzi.io/v1beta2/KafkaTopic",
            "keda.sh/v1alpha1/ScaledObject");
    /** The only cluster-scoped kinds the overlays hold; everything else goes into the ratchet namespace. */
    private static final Set<String> CLUSTER_SCOPED = Set.of("Namespace", "CustomResourceDefinition");
    /** What the planner alone may touch. */
    private static final Set<String> PLANNER_ONLY = Set.of("codingsessions", "codingsessions/status",
            "codingsessions/finalizers", "leases", "deployments", "deployments/scale");

    static List<String> overlays() throws IOException {
        return Manifests.overlays();
    }

    @Test
    void thereAreTheDevAndProdOverlays() throws IOException {
        assertThat(Manifests.overlays()).contains("dev", "prod", "prod-keda");
    }

    /** CI's kubectl may be Debian 12's 1.20 (kustomize v2.0.3): the run says which one rendered what it checked. */
    @Test
    void theKubectlOnThePathNamesItsKustomizeVersion() throws Exception {
        Kubectl kubectl = Manifests.kubectl();
        System.out.println("ManifestsTest renders with " + kubectl);
        assertThat(kubectl.version()).as(kubectl.toString()).matches("v1\\.\\d+\\.\\d+.*");
        assertThat(kubectl.kustomizeVersion()).as(kubectl + ": kubectl 1.14 or later embeds kustomize")
                .matches("v\\d+\\.\\d+\\.\\d+");
    }

    /** A render that fails names the kubectl and its kustomize version: the one the overlays must be written for. */
    @Test
    void aFailedRenderNamesTheKubectlAndItsKustomizeVersion(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("kustomization.yaml"), "resources:\n  - missing.yaml\n");
        Kubectl kubectl = Manifests.kubectl();
        assertThatThrownBy(() -> kubectl.kustomize(dir)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("(kustomize " + kubectl.kustomizeVersion() + ")")
                .hasMessageContaining("missing.yaml");
    }

    /**
     * Every kubectl found (each on the PATH, and /usr/bin/kubectl) renders the overlay to the same objects as the
     * one on the PATH: the overlays are written for kustomize v2.0.3 and hold for kustomize 5.
     */
    @ParameterizedTest
    @MethodSource("overlays")
    void everyKubectlFoundRendersTheSameObjects(String overlay) throws Exception {
        Map<String, HasMetadata> expected = Manifests.byIdentity(Manifests.render("overlays/" + overlay));
        for (Kubectl kubectl : Manifests.kubectls()) {
            System.out.println("ManifestsTest renders overlays/" + overlay + " with " + kubectl);
            Map<String, HasMetadata> rendered = Manifests.byIdentity(
                    Manifests.parse(kubectl.kustomize(Manifests.ROOT.resolve("overlays").resolve(overlay))));
            assertThat(rendered.keySet()).as(kubectl.toString()).containsExactlyElementsOf(expected.keySet());
            rendered.forEach((id, object) -> assertThat(object).as(id + " with " + kubectl)
                    .isEqualTo(expected.get(id)));
        }
    }

    @ParameterizedTest
    @MethodSource("overlays")
    void everyObjectIsOneTheModelKnowsWithNoUnknownField(String overlay) throws Exception {
        for (HasMetadata object : Manifests.render("overlays/" + overlay)) {
            String what = object.getKind() + "/" + object.getMetadata().getName();
            assertThat(UnknownFields.of(object)).as(what).isEmpty();
            if (object instanceof GenericKubernetesResource) {
                assertThat(object.getApiVersion() + "/" + object.getKind()).as(what).isIn(OPERATOR_KINDS);
            }
            assertThat(object.getMetadata().getLabels()).as(what).containsEntry("app.kubernetes.io/part-of",
                    "ratchet").containsKey("app.kubernetes.io/name").containsKey("app.kubernetes.io/component");
            assertThat(object).as(what + ": secrets are referenced, never committed").isNotInstanceOf(Secret.class);
            // An object with no namespace lands in the one of kubectl's context, away from the rest.
            assertThat(object.getMetadata().getNamespace()).as(what)
                    .isEqualTo(CLUSTER_SCOPED.contains(object.getKind()) ? null : "ratchet");
        }
    }

    @ParameterizedTest
    @MethodSource("overlays")
    void everyPodRunsNonRootOnAReadOnlyRootWithoutCapabilities(String overlay) throws Exception {
        List<HasMetadata> objects = Manifests.render("overlays/" + overlay);
        List<PodTemplateSpec> pods = Stream.concat(
                Manifests.all(objects, Deployment.class).stream().map(d -> d.getSpec().getTemplate()),
                Manifests.all(objects, StatefulSet.class).stream().map(s -> s.getSpec().getTemplate())).toList();
        assertThat(pods).hasSizeGreaterThanOrEqualTo(SERVICES.size() + 1);
        for (PodTemplateSpec pod : pods) {
            String what = pod.getMetadata().getLabels().get("app.kubernetes.io/name");
            var podSecurity = pod.getSpec().getSecurityContext();
            assertThat(podSecurity.getRunAsNonRoot()).as(what).isTrue();
            assertThat(podSecurity.getSeccompProfile().getType()).as(what).isEqualTo("RuntimeDefault");
            for (Container container : pod.getSpec().getContainers()) {
                var security = container.getSecurityContext();
                assertThat(security.getAllowPrivilegeEscalation()).as(what).isFalse();
                assertThat(security.getReadOnlyRootFilesystem()).as(what).isTrue();
                assertThat(security.getRunAsNonRoot()).as(what).isTrue();
                assertThat(security.getCapabilities().getDrop()).as(what).containsExactly("ALL");
                assertThat(security.getCapabilities().getAdd()).as(what).isNullOrEmpty();
                var resources = container.getResources();
                assertThat(resources.getRequests()).as(what).containsKeys("cpu", "memory");
                assertThat(resources.getLimits()).as(what).containsKeys("cpu", "memory");
                assertThat(resources.getLimits().get("memory").getNumericalAmount())
                        .as(what).isGreaterThanOrEqualTo(resources.getRequests().get("memory").getNumericalAmount());
                assertThat(container.getReadinessProbe()).as(what).isNotNull();
                assertThat(container.getLivenessProbe()).as(what).isNotNull();
            }
        }
    }

    @ParameterizedTest
    @MethodSource("overlays")
    void everyServiceHasHealthProbesWritableEmptyDirsAndItsOwnIdentity(String overlay) throws Exception {
        List<HasMetadata> objects = Manifests.render("overlays/" + overlay);
        for (String service : SERVICES) {
            var pod = Manifests.named(objects, Deployment.class, service).getSpec().getTemplate().getSpec();
            Container container = pod.getContainers().get(0);
            assertThat(path(container.getStartupProbe())).as(service).isEqualTo("/q/health/started");
            assertThat(path(container.getReadinessProbe())).as(service).isEqualTo("/q/health/ready");
            assertThat(path(container.getLivenessProbe())).as(service).isEqualTo("/q/health/live");
            // The root is read-only: java.io.tmpdir and the work dir must be emptyDirs.
            Map<String, Volume> volumes = new java.util.HashMap<>();
            pod.getVolumes().forEach(v -> volumes.put(v.getName(), v));
            // Besides, with checks as Jobs, the verifier mounts the volume it shares with them; the planner mounts
            // the first API key read-only (BootstrapKeyManifestsTest).
            boolean checkJobs = service.equals("verifier-service") && CheckJobsManifestsTest.OVERLAY.equals(overlay);
            boolean planner = service.equals("planner-service");
            assertThat(container.getVolumeMounts()).as(service)
                    .anyMatch(m -> m.getMountPath().equals("/tmp"))
                    .allSatisfy(m -> assertThat(volumes.get(m.getName()).getEmptyDir() != null || checkJobs
                            && volumes.get(m.getName()).getPersistentVolumeClaim() != null || planner
                            && volumes.get(m.getName()).getSecret() != null && m.getReadOnly()).as(m.getName())
                            .isTrue());
            assertThat(pod.getServiceAccountName()).isEqualTo(service);
            assertThat(pod.getAutomountServiceAccountToken()).as(service + " mounts an API token")
                    .isEqualTo(service.equals("planner-service") || checkJobs);
        }
    }

    @ParameterizedTest
    @MethodSource("overlays")
    void onlyThePlannerTouchesSessionsLeasesAndTheExecutorsScale(String overlay) throws Exception {
        List<HasMetadata> objects = Manifests.render("overlays/" + overlay);
        assertThat(Manifests.all(objects, ClusterRole.class)).isEmpty();
        assertThat(Manifests.all(objects, ClusterRoleBinding.class)).isEmpty();
        for (RoleBinding binding : Manifests.all(objects, RoleBinding.class)) {
            Role role = Manifests.named(objects, Role.class, binding.getRoleRef().getName());
            boolean plannerOnly = binding.getSubjects().stream()
                    .allMatch(s -> s.getKind().equals("ServiceAccount") && s.getName().equals("planner-service"));
            boolean verifierOnly = binding.getSubjects().stream()
                    .allMatch(s -> s.getKind().equals("ServiceAccount") && s.getName().equals("verifier-service"));
            for (PolicyRule rule : role.getRules()) {
                // The one deletion: the verifier's of its own check Jobs.
                boolean checkJobs = verifierOnly && rule.getApiGroups().equals(List.of("batch"))
                        && rule.getResources().equals(List.of("jobs"));
                assertThat(rule.getVerbs()).as(role.getMetadata().getName()).doesNotContain("*");
                if (!checkJobs) {
                    assertThat(rule.getVerbs()).as(role.getMetadata().getName()).doesNotContain("delete");
                }
                assertThat(rule.getResources()).as(role.getMetadata().getName()).doesNotContain("*", "secrets", "pods");
                if (rule.getResources().stream().anyMatch(PLANNER_ONLY::contains)) {
                    assertThat(plannerOnly).as(binding.getMetadata().getName() + " grants " + rule.getResources())
                            .isTrue();
                }
                if (rule.getResources().stream().anyMatch(r -> r.startsWith("deployments"))) {
                    assertThat(rule.getResourceNames()).containsExactly("executor-service");
                }
            }
        }
        Role planner = Manifests.named(objects, Role.class, "planner-service");
        assertThat(planner.getRules()).anyMatch(r -> r.getResources().contains("codingsessions"))
                .anyMatch(r -> r.getResources().contains("leases"))
                .anyMatch(r -> r.getResources().contains("deployments/scale") && r.getVerbs().contains("patch"));
    }

    @ParameterizedTest
    @MethodSource("overlays")
    void everyPodIsDeniedFirstAndOnlyThePlannerTakesRequestsFromOutside(String overlay) throws Exception {
        List<HasMetadata> objects = Manifests.render("overlays/" + overlay);
        List<NetworkPolicy> policies = Manifests.all(objects, NetworkPolicy.class);
        for (String service : SERVICES) {
            Map<String, String> labels = Manifests.named(objects, Deployment.class, service).getSpec().getTemplate()
                    .getMetadata().getLabels();
            List<NetworkPolicy> selecting = policies.stream()
                    .filter(p -> Selectors.matches(p.getSpec().getPodSelector(), labels)).toList();
            assertThat(selecting).as(service + " has a deny-all policy").anyMatch(p ->
                    p.getSpec().getPolicyTypes().containsAll(List.of("Ingress", "Egress"))
                            && p.getSpec().getIngress().isEmpty() && p.getSpec().getEgress().isEmpty());
            boolean reachableFromAnywhere = selecting.stream().flatMap(p -> p.getSpec().getIngress().stream())
                    .anyMatch(rule -> rule.getFrom().isEmpty());
            assertThat(reachableFromAnywhere).as(service + " takes traffic from anywhere")
                    .isEqualTo(service.equals("planner-service"));
        }
        StatefulSet redis = Manifests.named(objects, StatefulSet.class, "ratchet-redis");
        assertThat(policies).as("Redis has a policy of its own").anyMatch(p -> Selectors.matches(
                p.getSpec().getPodSelector(), redis.getSpec().getTemplate().getMetadata().getLabels()));
    }

    @ParameterizedTest
    @MethodSource("overlays")
    void theKafkaTopicsAreRatchetsTopicsAndTheirDeadLetters(String overlay) throws Exception {
        List<HasMetadata> objects = Manifests.render("overlays/" + overlay);
        boolean prod = overlay.startsWith("prod");
        List<GenericKubernetesResource> topics = Manifests.all(objects, GenericKubernetesResource.class).stream()
                .filter(o -> o.getKind().equals("KafkaTopic")).toList();
        assertThat(topics.stream().map(t -> new Topics.TopicSpec(t.get("spec", "topicName"),
                ((Number) t.get("spec", "partitions")).intValue())))
                .containsExactlyInAnyOrderElementsOf(Topics.all());
        for (GenericKubernetesResource topic : topics) {
            assertThat(topic.getMetadata().getLabels()).containsEntry("strimzi.io/cluster", "ratchet");
            assertThat(((Number) topic.get("spec", "replicas")).intValue()).isEqualTo(prod ? 3 : 1);
            if (prod) {
                assertThat(((Number) topic.get("spec", "config", "min.insync.replicas")).intValue()).isEqualTo(2);
            }
        }
        GenericKubernetesResource pool = Manifests.named(objects, GenericKubernetesResource.class, "dual-role");
        assertThat(((Number) pool.get("spec", "replicas")).intValue()).isEqualTo(prod ? 3 : 1);
        assertThat((List<String>) pool.get("spec", "roles")).containsExactlyInAnyOrder("controller", "broker");
        GenericKubernetesResource kafka = Manifests.named(objects, GenericKubernetesResource.class, "ratchet");
        assertThat(((Number) kafka.get("spec", "kafka", "config", "min.insync.replicas")).intValue())
                .isEqualTo(prod ? 2 : 1);
        assertThat(Manifests.all(objects, StatefulSet.class)).as("Redis, and its replica in prod")
                .hasSize(prod ? 2 : 1);
    }

    @ParameterizedTest
    @MethodSource("overlays")
    void theConfigNamesTheKafkaAndRedisTheOverlayRuns(String overlay) throws Exception {
        List<HasMetadata> objects = Manifests.render("overlays/" + overlay);
        Map<String, String> config = Manifests.named(objects, ConfigMap.class, "ratchet-config").getData();
        assertThat(config.keySet()).allMatch(key -> key.startsWith("ratchet."));
        assertThat(config.get("ratchet.kafka.bootstrap-servers")).isEqualTo("ratchet-kafka-bootstrap:9092");
        assertThat(config.get("ratchet.redis.url")).isEqualTo("redis://ratchet-redis:6379");
        Manifests.named(objects, io.fabric8.kubernetes.api.model.Service.class, "ratchet-redis");
        assertThat(config.get("ratchet.topics.create")).as("KafkaTopics own the topics").isEqualTo("false");
        assertThat(config.get("ratchet.kubernetes.controller.enabled")).isEqualTo("true");
        // One scaler of the executors at most: the planner's in prod (and the overlays built on it: prod-check-jobs,
        // prod-share), KEDA's in prod-keda, none in dev.
        assertThat(Boolean.parseBoolean(config.get("ratchet.kubernetes.autoscaler.enabled")))
                .isEqualTo(overlay.startsWith("prod") && !overlay.equals("prod-keda"));
        assertThat(Manifests.all(objects, GenericKubernetesResource.class))
                .filteredOn(o -> o.getKind().equals("ScaledObject")).hasSize(overlay.equals("prod-keda") ? 1 : 0);
        for (String service : SERVICES) {
            assertThat(Manifests.named(objects, Deployment.class, service).getSpec().getTemplate().getSpec()
                    .getContainers().get(0).getImage()).isEqualTo("ratchet/" + service + ":"
                            + System.getProperty("ratchet.version"));
        }
    }

    @Test
    void kedaScalesTheExecutorsConsumerGroupUpToOnePodPerPartition() throws Exception {
        List<HasMetadata> objects = Manifests.render("overlays/prod-keda");
        GenericKubernetesResource scaled = Manifests.named(objects, GenericKubernetesResource.class,
                "executor-service");
        assertThat((String) scaled.get("spec", "scaleTargetRef", "name")).isEqualTo("executor-service");
        assertThat(((Number) scaled.get("spec", "maxReplicaCount")).intValue())
                .isEqualTo(Topics.partitions(Topics.STEPS_REQUESTED));
        Map<String, Object> trigger = ((List<Map<String, Object>>) scaled.get("spec", "triggers")).get(0);
        @SuppressWarnings("unchecked")
        Map<String, String> metadata = (Map<String, String>) trigger.get("metadata");
        Properties executor = new Properties();
        try (Reader in = Files.newBufferedReader(
                Path.of("..", "executor-service", "src", "main", "resources", "application.properties"))) {
            executor.load(in);
        }
        assertThat(metadata).containsEntry("consumerGroup",
                executor.getProperty("mp.messaging.incoming.steps-requested.group.id"))
                .containsEntry("topic", Topics.STEPS_REQUESTED);
    }

    private static String path(Probe probe) {
        assertThat(probe).isNotNull();
        assertThat(probe.getHttpGet().getPort().getStrVal()).isEqualTo("http");
        return probe.getHttpGet().getPath();
    }
}

package dev.ratchet.k8s;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import dev.ratchet.core.event.Topics;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;

/**
 * The executors' input on Kubernetes: k8s/overlays/prod-share runs the share group (a Kafka 4.2 broker with
 * ratchet-infra's assignor on its classpath, from k8s/kafka-image), every other overlay the consumer group.
 */
class ShareDispatchManifestsTest {

    static final String OVERLAY = "prod-share";
    private static final String ASSIGNOR = "dev.ratchet.infra.EveryMemberAssignor";

    static List<String> overlays() throws Exception {
        return Manifests.overlays();
    }

    @ParameterizedTest
    @MethodSource("overlays")
    void onlyTheShareOverlayDispatchesThroughTheShareGroup(String overlay) throws Exception {
        List<HasMetadata> objects = Manifests.render("overlays/" + overlay);
        Map<String, String> config = Manifests.named(objects, ConfigMap.class, "ratchet-config").getData();
        assertThat(config.get("ratchet.executor.dispatch"))
                .isEqualTo(overlay.equals(OVERLAY) ? "share-group" : "partitions");
        GenericKubernetesResource kafka = Manifests.named(objects, GenericKubernetesResource.class, "ratchet");
        Object assignors = kafka.get("spec", "kafka", "config", "group.share.assignors");
        assertThat(assignors).isEqualTo(overlay.equals(OVERLAY) ? ASSIGNOR : null);
    }

    @Test
    void theShareOverlayRunsAKafka42BrokerWithRatchetsAssignorOnItsClasspath() throws Exception {
        List<HasMetadata> objects = Manifests.render("overlays/" + OVERLAY);
        GenericKubernetesResource kafka = Manifests.named(objects, GenericKubernetesResource.class, "ratchet");
        assertThat((String) kafka.get("spec", "kafka", "version")).as("share groups are GA from 4.2")
                .startsWith("4.2.");
        assertThat((String) kafka.get("spec", "kafka", "image")).as("the image of k8s/kafka-image")
                .contains("kafka-share");
        // The broker names the assignor by class: it must be the class ratchet-infra ships.
        assertThat(Path.of("..", "ratchet-infra", "src", "main", "java",
                ASSIGNOR.replace('.', '/') + ".java")).isRegularFile();
        String dockerfile = Files.readString(Manifests.ROOT.resolve("kafka-image").resolve("Dockerfile"));
        assertThat(dockerfile).contains("COPY ratchet-infra/target/ratchet-infra-*.jar /opt/kafka/libs/");
        // Three brokers: the share-group state keeps Kafka's default durability.
        assertThat(((Number) kafka.get("spec", "kafka", "config", "share.coordinator.state.topic.min.isr"))
                .intValue()).isEqualTo(2);
    }

    @Test
    void shareGroupExecutorsMayOutnumberThePartitions() throws Exception {
        Map<String, String> config = Manifests.named(Manifests.render("overlays/" + OVERLAY), ConfigMap.class,
                "ratchet-config").getData();
        assertThat(config).containsEntry("ratchet.kubernetes.autoscaler.enabled", "true");
        assertThat(Integer.parseInt(config.get("ratchet.kubernetes.autoscaler.max")))
                .isGreaterThan(Topics.partitions(Topics.STEPS_REQUESTED));
    }
}

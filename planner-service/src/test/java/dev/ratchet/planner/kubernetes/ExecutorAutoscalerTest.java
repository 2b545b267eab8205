package dev.ratchet.planner.kubernetes;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import jakarta.inject.Inject;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

import dev.ratchet.core.event.Topics;
import dev.ratchet.core.scale.ExecutorScaling.Decision;
import dev.ratchet.core.scale.ExecutorScaling.Why;
import dev.ratchet.testing.KafkaProbe;
import dev.ratchet.testing.KafkaResource;
import dev.ratchet.testing.RedisResource;
import dev.ratchet.testing.SimulatedModelResource;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.quarkus.test.kubernetes.client.WithKubernetesTestServer;

/**
 * The autoscaler against the fabric8 mock API server (CRUD) and a real backlog on the test broker: step requests
 * nobody took scale the executor Deployment up at once; once they are taken it holds during the cooldown, then
 * scales down. Each round is called with its time, so the cooldown is a parameter, never a wait.
 */
@QuarkusTest
@TestProfile(ExecutorAutoscalerTest.Autoscaling.class)
@WithKubernetesTestServer(crud = true)
@WithTestResource(KafkaResource.class)
@WithTestResource(RedisResource.class)
@WithTestResource(SimulatedModelResource.class)
class ExecutorAutoscalerTest {

    static final String NAMESPACE = "ratchet-test";
    /** A group of its own: nothing else commits offsets for it. */
    static final String GROUP = "autoscaler-test-executors";
    static final Duration COOLDOWN = Duration.ofMinutes(5);
    static final int REQUESTS = 20;

    @Inject
    KubernetesClient client;

    @Inject
    ExecutorAutoscaler autoscaler;

    @Inject
    ExecutorDemand demand;

    @Inject
    MeterRegistry registry;

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrapServers;

    final KafkaProbe kafka = KafkaProbe.shared();

    public static class Autoscaling implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("ratchet.kubernetes.autoscaler.group", GROUP,
                    "ratchet.kubernetes.autoscaler.scale-down-cooldown", "5m");
        }
    }

    @Test
    void aBacklogScalesUpThenTheCooldownHoldsThenItScalesDown() throws Exception {
        client.resource(executorDeployment()).create();
        Instant t0 = Instant.parse("2026-11-30T10:00:00Z");
        long before = demand.backlog(GROUP);
        for (int i = 0; i < REQUESTS; i++) {
            kafka.sendRaw(Topics.STEPS_REQUESTED, "autoscaler/" + i, "{}", Map.of());
        }
        assertThat(demand.backlog(GROUP)).isEqualTo(before + REQUESTS);

        Decision up = autoscaler.decide(client, NAMESPACE, t0);

        int expected = (int) Math.min(24, (before + REQUESTS + 3) / 4);
        assertThat(up.why()).isEqualTo(Why.UP);
        assertThat(up.replicas()).isEqualTo(expected).isGreaterThanOrEqualTo(5);
        assertThat(replicas()).isEqualTo(expected);

        takeEverything();
        assertThat(demand.backlog(GROUP)).isZero();
        Decision held = autoscaler.decide(client, NAMESPACE, t0.plus(COOLDOWN).minusSeconds(1));
        assertThat(held.why()).isEqualTo(Why.COOLDOWN);
        assertThat(held.needed()).isEqualTo(1);
        assertThat(replicas()).isEqualTo(expected);

        Decision down = autoscaler.decide(client, NAMESPACE, t0.plus(COOLDOWN));
        assertThat(down).isEqualTo(new Decision(1, 1, Why.DOWN, 0, expected));
        assertThat(replicas()).isEqualTo(1);
        assertThat(registry.get("ratchet.autoscaler.decisions").tag("why", "cooldown").counter().count())
                .isGreaterThanOrEqualTo(1);
        assertThat(registry.get("ratchet.autoscaler.replicas").gauge().value()).isEqualTo(1);
    }

    private int replicas() {
        return client.apps().deployments().inNamespace(NAMESPACE).withName("executor-service").get().getSpec()
                .getReplicas();
    }

    /** The executors took every request: the group's committed offsets move to the end of each partition. */
    private void takeEverything() throws Exception {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers))) {
            Map<TopicPartition, OffsetSpec> latest = admin.describeTopics(List.of(Topics.STEPS_REQUESTED))
                    .allTopicNames().get().get(Topics.STEPS_REQUESTED).partitions().stream()
                    .collect(Collectors.toMap(p -> new TopicPartition(Topics.STEPS_REQUESTED, p.partition()),
                            p -> OffsetSpec.latest()));
            Map<TopicPartition, OffsetAndMetadata> ends = admin.listOffsets(latest).all().get().entrySet().stream()
                    .collect(Collectors.toMap(Map.Entry::getKey, e -> new OffsetAndMetadata(e.getValue().offset())));
            admin.alterConsumerGroupOffsets(GROUP, ends).all().get();
        }
    }

    private static Deployment executorDeployment() {
        return new DeploymentBuilder().withNewMetadata().withName("executor-service").withNamespace(NAMESPACE)
                .endMetadata().withNewSpec().withReplicas(1).withNewSelector()
                .addToMatchLabels("app.kubernetes.io/name", "executor-service").endSelector().withNewTemplate()
                .withNewMetadata().addToLabels("app.kubernetes.io/name", "executor-service").endMetadata()
                .withNewSpec().addNewContainer().withName("executor-service").withImage("ratchet/executor-service")
                .endContainer().endSpec().endTemplate().endSpec().build();
    }
}

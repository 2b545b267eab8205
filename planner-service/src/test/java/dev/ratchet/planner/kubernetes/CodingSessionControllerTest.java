package dev.ratchet.planner.kubernetes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import dev.ratchet.core.checks.CheckSpec;
import dev.ratchet.core.session.Approval;
import dev.ratchet.core.session.Budget;
import dev.ratchet.core.session.Directive;
import dev.ratchet.core.session.Session;
import dev.ratchet.core.session.SessionStatus;
import dev.ratchet.core.session.Selection;
import dev.ratchet.k8s.session.AnnotationSteering;
import dev.ratchet.k8s.session.BudgetSpec;
import dev.ratchet.k8s.session.CodingSession;
import dev.ratchet.k8s.session.CodingSessionSpec;
import dev.ratchet.k8s.session.CodingSessionStatus;
import dev.ratchet.k8s.session.SessionStatuses;
import dev.ratchet.planner.session.store.SessionStore;
import dev.ratchet.testing.KafkaResource;
import dev.ratchet.testing.RedisResource;
import dev.ratchet.testing.SimulatedModelResource;
import dev.ratchet.testing.TextstatsSample;
import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.api.model.coordination.v1.Lease;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.quarkus.test.kubernetes.client.KubernetesServer;
import io.quarkus.test.kubernetes.client.WithKubernetesTestServer;

/**
 * The controller against the fabric8 mock API server in CRUD mode, holding the committed CRD, with the real broker,
 * Redis and the simulated planner model: a CodingSession makes a session whose status it follows, deleting it
 * cancels the session, an invalid spec gets a condition and no session, the spec's approval, variants and budget reach the session,
 * steering annotations approve and steer it, and
 * only the replica holding the Lease reconciles.
 */
@QuarkusTest
@TestProfile(CodingSessionControllerTest.ControllerOn.class)
@WithKubernetesTestServer(crud = true, setup = CodingSessionControllerTest.Crd.class)
@WithTestResource(KafkaResource.class)
@WithTestResource(RedisResource.class)
@WithTestResource(SimulatedModelResource.class)
class CodingSessionControllerTest {

    static final String NAMESPACE = "ratchet-test";
    static final Duration WAIT = Duration.ofSeconds(60);
    static TextstatsSample textstats;

    @Inject
    KubernetesClient client;

    @Inject
    SessionStore store;

    @Inject
    CodingSessionController controller;

    @Inject
    KubernetesConfig config;

    @Inject
    Instance<KubernetesClient> clients;

    @Inject
    CodingSessionReconciler reconciler;

    @Inject
    ExecutorAutoscaler autoscaler;

    public static class ControllerOn implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("ratchet.kubernetes.controller.enabled", "true",
                    "ratchet.kubernetes.controller.namespace", NAMESPACE,
                    "ratchet.kubernetes.controller.resync", "300ms",
                    // Seconds, not Kubernetes' 15 s, so that a handover happens within a test.
                    "ratchet.kubernetes.lease.duration", "3s",
                    "ratchet.kubernetes.lease.renew-deadline", "2s",
                    "ratchet.kubernetes.lease.retry-period", "200ms");
        }
    }

    /** The committed CRD, created in the mock server before the planner starts. */
    public static class Crd implements Consumer<KubernetesServer> {
        @Override
        public void accept(KubernetesServer server) {
            try (InputStream in = Files.newInputStream(
                    Path.of("..", "k8s", "base", "015-crd-codingsessions.yaml"))) {
                server.getClient().resource(server.getClient().getKubernetesSerialization()
                        .unmarshal(in, CustomResourceDefinition.class)).create();
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        }
    }

    @BeforeAll
    static void sampleRepository() {
        textstats = TextstatsSample.create();
    }

    @Test
    void aCodingSessionMakesASessionWhoseStatusFollowsIt() {
        create("follows", textstats.repo.toString(), TextstatsSample.GOAL, Map.of());

        String id = await().atMost(WAIT).until(() -> status("follows").sessionId(), s -> s != null);
        assertThat(id).as("one resource, one session: its uid").isEqualTo(get("follows").getMetadata().getUid());
        Session session = store.find(id).orElseThrow();
        assertThat(session.goal()).isEqualTo(TextstatsSample.GOAL);
        assertThat(session.checks()).extracting(c -> c.name()).containsExactly("unit-tests");
        assertThat(get("follows").getMetadata().getFinalizers()).containsExactly(SessionStatuses.FINALIZER);
        // The simulated planner model plans it; the status shows the plan's first step and the count.
        await().atMost(WAIT).untilAsserted(() -> {
            CodingSessionStatus status = status("follows");
            assertThat(status.phase()).isEqualTo("RUNNING");
            assertThat(status.currentStep()).isNotBlank();
            assertThat(status.verified()).matches("0/\\d+");
            assertThat(status).isEqualTo(SessionStatuses.of(store.find(id).orElseThrow(),
                    generation("follows"), Map.of()));
        });
    }

    @Test
    void deletingItCancelsTheSessionThenTheFinalizerGoes() {
        create("deleted", textstats.repo.toString(), TextstatsSample.GOAL, Map.of());
        String id = await().atMost(WAIT).until(() -> status("deleted").sessionId(), s -> s != null);

        client.resources(CodingSession.class).inNamespace(NAMESPACE).withName("deleted").delete();

        await().atMost(WAIT).until(() -> get("deleted") == null);
        Session cancelled = store.find(id).orElseThrow();
        assertThat(cancelled.status()).isEqualTo(SessionStatus.CANCELLED);
        assertThat(cancelled.steering().directives()).singleElement().satisfies(d -> {
            assertThat(d.type()).isEqualTo(Directive.Type.CANCEL);
            assertThat(d.text()).isEqualTo("the CodingSession " + NAMESPACE + "/deleted was deleted");
            assertThat(d.appliedAt()).isNotNull();
        });
    }

    @Test
    void anInvalidSpecGetsAConditionAndNoSession() {
        List<String> before = store.idsAfter(null, 1000).orElseThrow();

        create("invalid", "/no/such/repository", " ", Map.of());

        CodingSessionStatus status = await().atMost(WAIT).until(() -> status("invalid"),
                s -> s != null && SessionStatuses.PHASE_INVALID.equals(s.phase()));
        assertThat(status.sessionId()).isNull();
        assertThat(status.message()).contains("goal").contains("repo");
        assertThat(status.conditions()).singleElement().satisfies(c -> {
            assertThat(c.getType()).isEqualTo(SessionStatuses.ACCEPTED);
            assertThat(c.getStatus()).isEqualTo("False");
            assertThat(c.getReason()).isEqualTo("InvalidSpec");
        });
        assertThat(store.idsAfter(null, 1000).orElseThrow()).isEqualTo(before);
    }

    @Test
    void theSpecCarriesApprovalVariantsAndBudgetAndAnnotationsApproveAndSteer() {
        CodingSession resource = resource("annotated", textstats.repo.toString(), TextstatsSample.GOAL, Map.of());
        CodingSessionSpec spec = resource.getSpec();
        resource.setSpec(new CodingSessionSpec(spec.repo(), spec.goal(), spec.checks(), null, null, "manual",
                new BudgetSpec(500_000L, 3600L), 2, "first"));
        client.resource(resource).create();

        String id = await().atMost(WAIT).until(() -> status("annotated").sessionId(), s -> s != null);
        Session created = store.find(id).orElseThrow();
        assertThat(created.steering().approval()).isEqualTo(Approval.MANUAL);
        assertThat(created.policy().variants()).isEqualTo(2);
        assertThat(created.policy().select()).isEqualTo(Selection.FIRST);
        assertThat(created.policy().budget()).isEqualTo(new Budget(500_000L, 3600L));
        await().atMost(WAIT).until(() -> status("annotated").phase(), "AWAITING_APPROVAL"::equals);

        annotate("annotated", Map.of(AnnotationSteering.APPROVE, "true",
                AnnotationSteering.NOTE, "don't touch types yet"));

        await().atMost(WAIT).untilAsserted(() -> {
            Session steered = store.find(id).orElseThrow();
            assertThat(steered.status()).isNotIn(SessionStatus.PLANNING, SessionStatus.AWAITING_APPROVAL);
            assertThat(AnnotationSteering.given(steered)).singleElement().satisfies(d -> {
                assertThat(d.type()).isEqualTo(Directive.Type.NOTE);
                assertThat(d.text()).isEqualTo("don't touch types yet");
            });
            Condition steering = condition("annotated", SessionStatuses.STEERING);
            assertThat(steering).isNotNull();
            assertThat(steering.getStatus()).isEqualTo("True");
            assertThat(steering.getMessage()).contains("note \"don't touch types yet\"")
                    .contains("ratchet.dev/approve: the plan is approved");
        });
        // Reconciled every 300 ms meanwhile: one value, one directive. A bad value is reported, not applied.
        annotate("annotated", Map.of(AnnotationSteering.GUARDRAILS, "{\"deletes\": \"never\"}"));
        Condition invalid = await().atMost(WAIT).until(() -> condition("annotated", SessionStatuses.STEERING),
                c -> c != null && c.getReason().equals("InvalidAnnotation"));
        assertThat(invalid.getMessage()).startsWith("ratchet.dev/steer-guardrails: ");
        assertThat(AnnotationSteering.given(store.find(id).orElseThrow())).hasSize(1);
    }

    @Test
    void onlyTheReplicaHoldingTheLeaseReconciles() {
        await().atMost(WAIT).until(controller::leading);
        CodingSessionController second = new CodingSessionController(config, clients, reconciler, autoscaler, "planner-second");
        try {
            second.start();
            create("first-leads", textstats.repo.toString(), TextstatsSample.GOAL, Map.of());
            await().atMost(WAIT).until(() -> status("first-leads").sessionId(), s -> s != null);
            assertThat(second.leading()).as("the Lease is held by the first replica").isFalse();
            assertThat(holder()).isNotEqualTo("planner-second");

            controller.stop();

            await().atMost(WAIT).until(second::leading);
            assertThat(holder()).isEqualTo("planner-second");
            assertThat(controller.leading()).isFalse();
            create("second-leads", textstats.repo.toString(), TextstatsSample.GOAL, Map.of());
            await().atMost(WAIT).until(() -> status("second-leads").sessionId(), s -> s != null);
        } finally {
            second.stop();
            controller.start();
        }
        await().atMost(WAIT).until(controller::leading);
    }

    private void create(String name, String repo, String goal, Map<String, String> annotations) {
        client.resource(resource(name, repo, goal, annotations)).create();
    }

    private void annotate(String name, Map<String, String> annotations) {
        client.resources(CodingSession.class).inNamespace(NAMESPACE).withName(name).edit(r -> {
            Map<String, String> all = new HashMap<>(Optional.ofNullable(r.getMetadata().getAnnotations())
                    .orElse(Map.of()));
            all.putAll(annotations);
            r.getMetadata().setAnnotations(all);
            return r;
        });
    }

    private static CodingSession resource(String name, String repo, String goal, Map<String, String> annotations) {
        CodingSession resource = new CodingSession();
        resource.setMetadata(new ObjectMetaBuilder().withName(name).withNamespace(NAMESPACE)
                .withAnnotations(annotations).build());
        resource.setSpec(new CodingSessionSpec(repo, goal,
                List.of(new CheckSpec("unit-tests", TextstatsSample.UNIT_TESTS.command(), 60, null, null, null)),
                null, null));
        return resource;
    }

    private CodingSession get(String name) {
        return client.resources(CodingSession.class).inNamespace(NAMESPACE).withName(name).get();
    }

    private CodingSessionStatus status(String name) {
        CodingSession resource = get(name);
        return resource == null || resource.getStatus() == null
                ? new CodingSessionStatus(null, null, null, null, null, null, null, null, null, null, List.of())
                : resource.getStatus();
    }

    private long generation(String name) {
        Long generation = get(name).getMetadata().getGeneration();
        return generation == null ? 0 : generation;
    }

    private Condition condition(String name, String type) {
        List<Condition> conditions = status(name).conditions();
        return conditions == null ? null
                : conditions.stream().filter(c -> c.getType().equals(type)).findFirst().orElse(null);
    }

    private String holder() {
        Lease lease = client.leases().inNamespace(NAMESPACE).withName(config.lease().name()).get();
        return lease == null ? null : lease.getSpec().getHolderIdentity();
    }
}

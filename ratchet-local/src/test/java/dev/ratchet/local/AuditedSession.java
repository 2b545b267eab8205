package dev.ratchet.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

import com.fasterxml.jackson.core.type.TypeReference;

import dev.ratchet.core.event.BlobRef;
import dev.ratchet.core.json.Json;
import dev.ratchet.core.session.AcceptedPatch;
import dev.ratchet.core.session.Progress;
import dev.ratchet.core.session.StepState;
import dev.ratchet.core.session.StepStatus;
import dev.ratchet.core.store.RedisKeys;
import dev.ratchet.workspace.Git;
import dev.ratchet.workspace.ProcessRunner;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.StreamEntry;
import redis.clients.jedis.StreamEntryID;

/**
 * One session of the cluster ITs, seen from the outside as an operator would: its Redis records (a connection per
 * look, so a Redis restart between two looks changes nothing), its progress stream, and its patch chain applied
 * to the base commit with real git and checked by running the session's check.
 */
final class AuditedSession {

    private static final TypeReference<List<StepState>> STEPS = new TypeReference<>() {
    };

    private final String id;
    private final Path repo;
    private final String redisUrl;

    AuditedSession(String id, Path repo, String redisUrl) {
        this.id = id;
        this.repo = repo;
        this.redisUrl = redisUrl;
    }

    /** Submits a session on a fresh copy of the demo's sample project, checked by its unittest suite. */
    static AuditedSession submit(LocalLayout layout, LocalCluster cluster, String goal) {
        return submit(layout, cluster, goal, Map.of());
    }

    /** As {@link #submit(LocalLayout, LocalCluster, String)}, with more fields of the request ({@code variants}). */
    static AuditedSession submit(LocalLayout layout, LocalCluster cluster, String goal, Map<String, Object> more) {
        Path repo = Demo.prepareRepository(layout);
        Map<String, Object> request = new HashMap<>(more);
        request.putAll(Map.of("repo", repo.toString(), "goal", goal, "checks", List.of(Map.of("name", "unit-tests",
                "command", Demo.CHECK_COMMAND, "timeoutSeconds", 60))));
        String id = new PlatformClient(cluster.planner()).createSession(request).path("id").asText();
        return new AuditedSession(id, repo, cluster.redisUrl());
    }

    String id() {
        return id;
    }

    Map<String, String> hash() {
        return redis(r -> r.hgetAll(RedisKeys.session(id)));
    }

    String status() {
        return hash().get("status");
    }

    List<StepState> steps() {
        try {
            return Json.mapper().readValue(hash().get("steps"), STEPS);
        } catch (IOException e) {
            throw new IllegalStateException("steps of session " + id + " unreadable", e);
        }
    }

    /** Every entry of the session's progress stream, oldest first. */
    List<Progress> progress() {
        List<StreamEntry> entries = redis(r -> r.xrange(RedisKeys.progress(id), (StreamEntryID) null, null,
                Integer.MAX_VALUE));
        return entries.stream().map(e -> e.getFields()).map(f -> new Progress(f.get("type"), f.get("stepId"),
                Integer.parseInt(f.getOrDefault("attempt", "0")), f.get("message"), Instant.parse(f.get("at"))))
                .toList();
    }

    /** The entries of one type about one step (any step when {@code stepId} is null), oldest first. */
    List<Progress> progress(String type, String stepId) {
        return progress().stream().filter(p -> p.type().equals(type))
                .filter(p -> stepId == null || stepId.equals(p.stepId())).toList();
    }

    Optional<Progress> first(String type) {
        return progress(type, null).stream().findFirst();
    }

    /**
     * Waits until the session has {@code status}, looking in Redis (Redis or the planner being away for a while
     * is waited out; a session that ends otherwise fails at once, naming its progress).
     */
    AuditedSession awaitStatus(String status, Duration atMost) {
        await("session " + id + " " + status).atMost(atMost).pollInterval(Duration.ofMillis(500)).ignoreExceptions()
                .failFast("session " + id + " ended otherwise", () -> assertNotEndedOtherwise(status))
                .untilAsserted(() -> assertThat(status()).isEqualTo(status));
        return this;
    }

    private void assertNotEndedOtherwise(String status) {
        String now;
        try {
            now = status();
        } catch (RuntimeException e) {
            return; // Redis is away: the wait goes on
        }
        assertThat(now).as("status of session %s (progress: %s)", id, progress()).isIn(status, "PLANNING",
                "RUNNING");
    }

    /**
     * The ratchet's promises for a finished session: COMPLETED, every planned step verified exactly once (one
     * {@code step.verified} line, one patch in the chain, in plan order), and base commit + the chain is a tree
     * whose check passes.
     */
    void assertCompletedWithEveryStepVerifiedOnce() {
        assertThat(status()).as("session %s", id).isEqualTo("COMPLETED");
        List<StepState> steps = steps();
        assertThat(steps).as("steps of session %s", id).isNotEmpty()
                .allSatisfy(s -> assertThat(s.status()).isEqualTo(StepStatus.VERIFIED));
        for (StepState step : steps) {
            assertThat(progress(Progress.STEP_VERIFIED, step.id())).as("step.verified lines of %s", step.id())
                    .hasSize(1);
        }
        assertThat(chain()).extracting(AcceptedPatch::stepId).as("the patch chain of session %s", id)
                .containsExactlyElementsOf(steps.stream().map(StepState::id).toList());
        assertChainPassesChecks(Demo.CHECK_COMMAND);
    }

    List<AcceptedPatch> chain() {
        return redis(r -> r.lrange(RedisKeys.patches(id), 0, -1)).stream()
                .map(json -> Json.read(json, AcceptedPatch.class)).toList();
    }

    /**
     * Clones the session's repository at its base commit, applies every accepted patch in order with
     * {@code git apply --index} and runs {@code check}: the ratchet's claim, checked with nothing of Ratchet's.
     *
     * @return the checked-out tree, for more assertions on its files
     */
    Path assertChainPassesChecks(String check) {
        Path tree;
        try {
            tree = Files.createTempDirectory("ratchet-it-check-");
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        Git.run(tree.getParent(), "clone", "-q", repo.toString(), tree.getFileName().toString());
        Git.run(tree, "checkout", "-q", hash().get("baseCommit"));
        for (AcceptedPatch accepted : chain()) {
            BlobRef patch = accepted.patch();
            Git.runWithInput(tree, redis(r -> r.hget(patch.key(), patch.sha256())), "apply", "--index", "-");
        }
        ProcessRunner.Result result = ProcessRunner.run(List.of("sh", "-c", check), tree, Duration.ofSeconds(60),
                null, 8192);
        assertThat(result.ok()).as("%s on base + chain of session %s: %s", check, id, result.output()).isTrue();
        return tree;
    }

    private <T> T redis(Function<Jedis, T> read) {
        try (Jedis jedis = new Jedis(URI.create(redisUrl))) {
            return read.apply(jedis);
        }
    }
}

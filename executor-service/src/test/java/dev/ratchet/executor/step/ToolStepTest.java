package dev.ratchet.executor.step;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;

import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import dev.ratchet.core.event.ContextUse;
import dev.ratchet.core.event.StepExecuted;
import dev.ratchet.core.event.StepRequested;
import dev.ratchet.core.json.Json;
import dev.ratchet.core.session.Progress;
import dev.ratchet.core.session.StepPolicy;
import dev.ratchet.core.store.RedisKeys;
import dev.ratchet.testing.KafkaProbe;
import dev.ratchet.testing.KafkaResource;
import dev.ratchet.testing.RedisResource;
import dev.ratchet.testing.RedisSessions;
import dev.ratchet.testing.SimulatedModelResource;
import dev.ratchet.testing.TextstatsSample;
import dev.ratchet.workspace.Workspaces;
import dev.ratchet.workspace.sandbox.SandboxRunner;
import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.redis.datasource.stream.StreamRange;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * The executor's tool loop against the real broker, Redis, git and check sandbox, with the simulated model scripting
 * each conversation ({@code scenarios/executor-test.json}, one title per scenario): corrections after tool errors,
 * guardrails answered as tool errors, declared checks only, large and binary files never read, and the bounds on
 * turns and context.
 */
@QuarkusTest
@WithTestResource(KafkaResource.class)
@WithTestResource(RedisResource.class)
@WithTestResource(value = SimulatedModelResource.class, initArgs = @ResourceArg(name = "scenario",
        value = "classpath:/scenarios/executor-test.json"))
class ToolStepTest {

    static final Duration WAIT = Duration.ofSeconds(60);
    static ToolSample sample;

    @Inject
    RedisDataSource redis;

    @Inject
    SandboxRunner sandbox;

    @Inject
    Workspaces workspaces;

    final KafkaProbe kafka = KafkaProbe.shared();

    @BeforeAll
    static void sampleRepository() {
        sample = ToolSample.create();
    }

    @Test
    void aMalformedPatchIsCorrectedAfterThePreciseToolError() {
        String title = "Rename cleaned after a tool error";

        StepExecuted.Payload p = run(title, "In textstats.py rename the variable cleaned to spaced in words().",
                StepPolicy.DEFAULTS, TextstatsSample.CONTEXT_BUDGET);

        assertThat(p.error()).isNull();
        assertThat(RedisSessions.blob(redis, p.patch())).contains("+    spaced = \"\".join(")
                .contains("+    return spaced.split()").contains("-    return cleaned.split()");
        List<JsonNode> requests = requests(title);
        assertThat(requests).hasSize(3);
        assertThat(toolResults(requests.get(1))).singleElement().asString()
                .startsWith("the patch does not fit the files; nothing was written:\n")
                .contains("*** Update File: textstats.py: hunk 1").contains("does not match the file")
                .contains("-    cleaned = \"\".join(c.lower() if c.isalnum() else \"_\" for c in text)")
                .contains("|     cleaned = \"\".join(c.lower() if c.isalnum() else \" \" for c in text)");
        assertThat(toolResults(requests.get(2))).last().asString().isEqualTo("applied:\nM textstats.py\n");
        ContextUse context = p.execution().context();
        assertThat(context.turns()).isEqualTo(3);
        assertThat(context.budgetTokens()).isEqualTo(TextstatsSample.CONTEXT_BUDGET);
        assertThat(context.windowTokens()).isEqualTo(128_000);
        assertThat(context.peakTokens()).isPositive().isLessThanOrEqualTo(TextstatsSample.CONTEXT_BUDGET);
        assertThat(context.percentOfWindow()).isEqualTo(Math.round(context.peakTokens() * 1000.0 / 128_000) / 10.0);
    }

    @Test
    void aDeleteInANoDeletesSessionIsAToolErrorAndTheAttemptNamesTheRule() {
        String title = "Drop the package marker";

        StepExecuted executed = execute(title, "Delete tests/__init__.py.", StepPolicy.DEFAULTS,
                TextstatsSample.CONTEXT_BUDGET);
        StepExecuted.Payload p = executed.payload();

        assertThat(p.patch()).isNull();
        assertThat(p.error()).startsWith("the executor model stopped without changing any file; its last error: "
                + "apply_patch: the patch breaks 1 guardrail; nothing was written:\n- [no-deletes] tests/__init__.py");
        assertThat(toolResults(requests(title).get(1))).singleElement().asString().contains("[no-deletes]");
        await().atMost(WAIT).untilAsserted(() -> assertThat(redis.stream(String.class)
                .xrange(RedisKeys.progress(executed.sessionId()), StreamRange.of("-", "+")))
                .filteredOn(m -> Progress.STEP_EXECUTED.equals(m.payload().get("type"))).singleElement()
                .satisfies(m -> assertThat(m.payload().get("message")).contains("without a patch")
                        .contains("2 turns, peak context").contains("[no-deletes]")));
    }

    @Test
    void forbiddenPathsAreNeitherReadNorWritten() {
        String title = "Point the config at the secrets";

        StepExecuted.Payload p = run(title, "Add a local settings file next to the project's environment file.",
                StepPolicy.DEFAULTS, TextstatsSample.CONTEXT_BUDGET);

        assertThat(p.error()).contains("[forbidden-path] .env.local matches the forbidden pattern '.env*'");
        List<String> results = toolResults(requests(title).get(1));
        assertThat(results.get(0)).startsWith("[forbidden-path] .env matches the forbidden pattern '.env*'");
        assertThat(SimulatedModelResource.recentRequests()).noneMatch(body -> body.contains(ToolSample.ENV_VALUE));
    }

    @Test
    void aTrackedSymlinkToADirectoryOutsideLeadsNowhere() throws IOException {
        String title = "Write through the link";

        StepExecuted.Payload p = run(title, "Put a file named pwned.txt in the linked directory.", StepPolicy.DEFAULTS,
                TextstatsSample.CONTEXT_BUDGET);

        assertThat(p.error()).contains("[path-escape] link/pwned.txt goes through the symlink link");
        assertThat(toolResults(requests(title).get(1)).get(0)).startsWith("[path-escape] link/secret.txt goes "
                + "through the symlink link");
        try (Stream<Path> outside = Files.list(sample.outside)) {
            assertThat(outside).as("nothing written outside").extracting(f -> f.getFileName().toString())
                    .containsExactly("secret.txt");
        }
        assertThat(SimulatedModelResource.recentRequests()).noneMatch(b -> b.contains(ToolSample.OUTSIDE_SECRET));
    }

    @Test
    void aSecretInAPatchIsRefused() {
        StepExecuted.Payload p = run("Add an API client", "Add client.py with the service's API key.",
                StepPolicy.DEFAULTS, TextstatsSample.CONTEXT_BUDGET);

        assertThat(p.patch()).isNull();
        assertThat(p.error()).contains("[secret] client.py:1: the added line holds what looks like an OpenAI API key")
                .doesNotContain("Xq3mZ9aB7cD1eF5gH2iJ8kL4mN6oP0qR");
    }

    @Test
    void runCheckRunsOnlyDeclaredChecksAndRunsThemSandboxedOnACopy() {
        String title = "Check before answering";

        StepExecuted.Payload p = run(title, "Add word_count(text) to textstats.py and check it.", StepPolicy.DEFAULTS,
                TextstatsSample.CONTEXT_BUDGET);

        assertThat(p.error()).isNull();
        String patch = RedisSessions.blob(redis, p.patch());
        assertThat(patch).contains("+def word_count(text):").doesNotContain("made-by-check.txt");
        List<String> results = toolResults(requests(title).get(1));
        assertThat(results).hasSize(3);
        assertThat(results.get(0)).isEqualTo("no check named 'deploy': the session declares 'unit-tests', 'probe'; "
                + "only a declared check can run");
        assertThat(results.get(1)).startsWith("check unit-tests (`python3 -m unittest discover -s tests -t .`) "
                + "passed in ").contains("isolation " + sandbox.isolation().label());
        assertThat(results.get(2)).startsWith("check probe (`touch made-by-check.txt; pwd`) passed in ")
                .contains("ratchet-checks-").doesNotContain(workspaces.root().toString());
    }

    @Test
    void largeAndBinaryFilesAreDescribedNeverRead() {
        String title = "Summarise the data";

        StepExecuted.Payload p = run(title, "Look at data/big.csv and logo.png, then describe them in NOTES.md.",
                StepPolicy.DEFAULTS, TextstatsSample.CONTEXT_BUDGET);

        assertThat(p.error()).isNull();
        List<JsonNode> requests = requests(title);
        String prompt = requests.get(0).path("messages").path(1).path("content").asText();
        assertThat(prompt).contains("(data/big.csv: text, 300.0 KiB, over the 256.0 KiB read limit; not shown")
                .contains("(logo.png: binary, 16 B; not shown)").doesNotContain("row 20000,value");
        List<String> results = toolResults(requests.get(1));
        assertThat(results.get(0)).isEqualTo("data/big.csv: text, 300.0 KiB, over the 256.0 KiB read limit; not "
                + "shown (search does not read it either)");
        assertThat(results.get(1)).isEqualTo("logo.png: binary, 16 B; not shown");
        assertThat(results.get(2)).contains("data/medium.txt:2: row 1,value")
                .contains("(not searched: data/big.csv: text, 300.0 KiB").doesNotContain("data/big.csv:2:");
        assertThat(SimulatedModelResource.recentRequests().stream().filter(b -> b.contains(title)))
                .noneMatch(b -> b.contains("row 20000,value"));
    }

    @Test
    void reachingMaxTurnsEndsTheAttemptWithAClearError() {
        String title = "Keep looking around";

        StepExecuted.Payload p = run(title, "Find where words are split.", ToolSample.maxTurns(3),
                TextstatsSample.CONTEXT_BUDGET);

        assertThat(p.patch()).isNull();
        assertThat(p.error()).isEqualTo("the executor model did not finish the step within 3 turns (the session's "
                + "maxTurns)");
        assertThat(requests(title)).hasSize(3);
        assertThat(p.execution().context().turns()).isEqualTo(3);
    }

    @Test
    void aTurnThatCannotFitTheBudgetAfterDroppingFailsTheStep() {
        String title = "Read everything at once";

        StepExecuted.Payload p = run(title, "Understand the whole data set.", StepPolicy.DEFAULTS, 3000);

        assertThat(p.patch()).isNull();
        assertThat(p.error()).startsWith("context budget exceeded: the next request needs ")
                .contains("over the step's budget of 3000").endsWith("split the step into smaller ones");
        assertThat(requests(title)).hasSize(1);
        assertThat(p.execution().context().budgetTokens()).isEqualTo(3000);
        assertThat(p.execution().context().peakTokens()).as("the request sent").isPositive()
                .isLessThanOrEqualTo(3000);
    }

    private StepExecuted.Payload run(String title, String instructions, StepPolicy policy, int budget) {
        return execute(title, instructions, policy, budget).payload();
    }

    private StepExecuted execute(String title, String instructions, StepPolicy policy, int budget) {
        String session = UUID.randomUUID().toString();
        RedisSessions.register(redis, sample.session(session, policy));
        kafka.send(StepRequested.of(session, "s1", 1, 0, Instant.now(), new StepRequested.Payload(
                ToolSample.step(title, instructions), List.of(), budget)));
        return await().atMost(WAIT).until(() -> kafka.events(StepExecuted.class, e -> e.sessionId().equals(session)),
                events -> events.size() == 1).get(0);
    }

    /** The chat requests the simulated model got for the step with this title, oldest first. */
    private static List<JsonNode> requests(String title) {
        return SimulatedModelResource.recentRequests().stream().filter(b -> b.contains("Step 1 of 1: " + title))
                .map(ToolStepTest::json).toList();
    }

    /** The tool results a request carried, in order. */
    private static List<String> toolResults(JsonNode request) {
        List<String> results = new ArrayList<>();
        for (JsonNode message : request.path("messages")) {
            if ("tool".equals(message.path("role").asText())) {
                results.add(message.path("content").asText());
            }
        }
        return results;
    }

    private static JsonNode json(String body) {
        try {
            return Json.mapper().readTree(body);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

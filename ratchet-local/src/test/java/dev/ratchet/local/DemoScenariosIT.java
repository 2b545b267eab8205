package dev.ratchet.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import com.fasterxml.jackson.databind.JsonNode;

import dev.ratchet.workspace.Git;

/**
 * Every {@code ./ratchet demo --scenario} on one cluster as `./ratchet` runs it (its own state directory), each
 * asserted by its final line and by what its session and repository hold. {@code long-check} sleeps 125 s inside
 * its check: it starts first, in the background, and the other scenarios run on the same cluster meanwhile (a check
 * of two minutes stalls no consumer), so it costs the suite little; its own test runs last and waits for it.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class DemoScenariosIT {

    static LocalCluster cluster;
    static LocalLayout layout;
    static CompletableFuture<Demo.Result> longCheck;

    @BeforeAll
    static void startCluster() {
        layout = LocalLayout.fromEnvironment();
        cluster = LocalCluster.start(layout, LocalCluster.Options.defaults().withExecutors(1)
                .withState(layout.stateDir().resolve("scenarios-it"), true), line -> { });
        longCheck = CompletableFuture.supplyAsync(() -> run("long-check"));
    }

    @AfterAll
    static void stopCluster() {
        if (longCheck != null) {
            longCheck.cancel(true);
        }
        if (cluster != null) {
            cluster.close();
        }
    }

    private static Demo.Result run(String name, List<String> lines) {
        ScenarioRunner runner = DemoScenarios.runners().get(name);
        assertThat(runner).as("scenario " + name).isNotNull();
        Demo.Result result = runner.run(layout, cluster.planner(), lines::add);
        assertThat(lines).last().isEqualTo(result.summary());
        return result;
    }

    private static Demo.Result run(String name) {
        return run(name, new ArrayList<>());
    }

    private static void assertRefusedBy(String scenario, String rule) {
        Demo.Result result = run(scenario);

        assertThat(result.summary()).matches("session \\S+ FAILED: step 1 rejected by guardrail " + rule);
        JsonNode step = result.session().path("steps").get(0);
        assertThat(step.path("attemptHistory")).isNotEmpty().allSatisfy(attempt -> assertThat(
                attempt.path("reason").asText()).contains("[" + rule + "]"));
    }

    @Test
    void ciDeliveryStartsASessionThatCompletesAndItsRedeliveryStartsNothing() {
        List<String> lines = new ArrayList<>();
        Demo.Result result = CiDemo.run(layout, cluster.planner(), cluster.stateDir(), lines::add);

        assertThat(result.summary()).matches("session \\S+ COMPLETED: 3/3 steps verified");
        assertThat(lines).anySatisfy(line -> assertThat(line).matches(
                "delivery (\\S+) posted again: ignored \\(delivery \\1 was handled already\\)"));
    }

    @Test
    void guardrailDeleteFailsNamingTheRule() {
        assertRefusedBy("guardrail-delete", "no-deletes");
    }

    @Test
    void forbiddenPathFailsNamingTheRule() {
        assertRefusedBy("forbidden-path", "forbidden-path");
    }

    @Test
    void symlinkEscapeFailsAndNothingIsWrittenOutside() throws Exception {
        Demo.Result result = run("symlink-escape");

        assertThat(result.summary()).matches("session \\S+ FAILED: step 1 rejected by guardrail path-escape");
        try (var outside = Files.list(result.repo().getParent().resolve("outside-the-repository"))) {
            assertThat(outside.map(p -> p.getFileName().toString())).containsExactly("README.md");
        }
    }

    @Test
    void secretFailsNamingTheSecretRule() {
        assertRefusedBy("secret", "secret");
    }

    @Test
    void malformedPatchIsCorrectedAfterTheToolErrorAndCompletes() {
        List<String> lines = new ArrayList<>();
        Demo.Result result = run("malformed-patch", lines);

        assertThat(result.summary()).matches("session \\S+ COMPLETED: 1/1 steps verified");
        // One attempt of three turns: the patch that did not fit, the corrected one (its rule matches only a tool
        // error naming the file and hunk), the final answer.
        assertThat(result.session().path("steps").get(0).path("attemptHistory")).hasSize(1);
        assertThat(lines).anyMatch(line -> line.contains("attempt 1 executed by") && line.contains(" 3 turns"));
    }

    @Test
    void bestOfFiveKeepsTheSmallestPassingVariantAndListsEveryCandidate() {
        List<String> lines = new ArrayList<>();
        Demo.Result result = run("best-of-5", lines);

        assertThat(result.summary()).matches("session \\S+ COMPLETED: 1/1 steps verified \\(best of 5: variant 2\\)");
        JsonNode attempt = result.session().path("steps").get(0).path("attemptHistory").get(0);
        assertThat(attempt.path("fanOut").asInt()).isEqualTo(5);
        assertThat(attempt.path("variants")).extracting(v -> v.path("variant").asInt() + " "
                + v.path("status").asText() + " " + v.path("chosen").asBoolean()).containsExactly(
                        "0 VERIFIED false", "1 REJECTED false", "2 VERIFIED true", "3 REJECTED false",
                        "4 VERIFIED false");
        assertThat(lines).anyMatch(line -> line.contains("attempt 1 verified (best of 5: variant 2)"));
    }

    @Test
    void checkTimeoutFailsAsTimedOut() {
        Demo.Result result = run("check-timeout");

        assertThat(result.summary())
                .matches("session \\S+ FAILED: step 1 rejected: check 'slow-suite' timed out after \\d+ ms");
    }

    @Test
    void browserCheckPassesOrIsSkippedWithoutChromium() {
        Demo.Result result = run("browser");

        if (Programs.onPath(DemoScenarios.CHROMIUM)) {
            assertThat(result.summary()).matches("session \\S+ COMPLETED: 1/1 steps verified");
            JsonNode check = result.session().path("steps").get(0).path("attemptHistory").get(0).path("checks")
                    .get(0);
            assertThat(check.path("passed").asBoolean()).isTrue();
            assertThat(check.path("screenshots")).isNotEmpty();
        } else {
            assertThat(result.summary()).isEqualTo(
                    "scenario browser SKIPPED: needs chromium|chromium-browser, which is not on PATH");
        }
    }

    @Test
    void mavenSampleStepIsVerifiedByMavenInTheSandbox() throws Exception {
        Demo.Result result = run(MavenScenario.NAME);

        if (!Programs.onPath(MavenScenario.MVN)) {
            assertThat(result.summary()).isEqualTo("scenario maven SKIPPED: needs mvn, which is not on PATH");
            return;
        }
        assertThat(result.summary()).matches("session \\S+ COMPLETED: 1/1 steps verified");
        JsonNode check = result.session().path("steps").get(0).path("attemptHistory").get(0).path("checks").get(0);
        assertThat(check.path("name").asText()).isEqualTo("maven-test");
        assertThat(check.path("passed").asBoolean()).isTrue();
        // The check ran Maven offline against the primed repository, which holds the sample's test framework.
        Path repository = MavenSampleRepository.location(layout);
        assertThat(check.path("command").asText()).isEqualTo(MavenSampleRepository.testCommand(repository));
        assertThat(repository.resolve("org/junit/jupiter/junit-jupiter-engine")).isDirectory();
    }

    @Test
    @Order(Integer.MAX_VALUE)
    void longCheckPassesAfterMoreThanTwoMinutes() throws Exception {
        Demo.Result result = longCheck.get(10, TimeUnit.MINUTES);

        assertThat(result.summary()).matches("session \\S+ COMPLETED: 1/1 steps verified");
        JsonNode check = result.session().path("steps").get(0).path("attemptHistory").get(0).path("checks").get(0);
        assertThat(check.path("durationMs").asLong()).isGreaterThan(120_000);
    }

    @Test
    void steerIsApprovedEditedAndSteeredAndLeavesItsResultBranch() {
        List<String> lines = new ArrayList<>();
        Demo.Result result = run("steer", lines);

        assertThat(result.summary()).matches("session \\S+ COMPLETED: 4/4 steps verified \\(3 directives applied\\)");
        JsonNode session = result.session();
        assertThat(session.path("approval").asText()).isEqualTo("manual");
        assertThat(session.path("steps").get(3).path("title").asText()).isEqualTo(SteerDemo.ADDED_STEP);
        assertThat(session.path("directives").findValuesAsText("type")).containsExactly("note", "guardrails", "redo");
        // All three arrived while step 2 ran, so each was applied at its boundary, before the redone step 1.
        assertThat(session.path("directives")).allSatisfy(d -> {
            assertThat(d.path("appliedAt").isTextual()).isTrue();
            assertThat(d.path("effectiveStep").asText()).isEqualTo("s1");
        });
        assertThat(session.path("policy").path("guardrails").path("maxNewFiles").asInt(-1)).isZero();
        // Steps 1 and 2 ran twice (the redo); step 3 once, following the note (no new file, no rejection).
        assertThat(session.path("steps").findValues("attemptHistory")).map(JsonNode::size).containsExactly(2, 2, 1, 1);
        assertThat(lines).anyMatch(line -> line.contains("directive d1 note \"" + SteerDemo.NOTE
                + "\" applied before step s1")).anyMatch(line -> line.contains("directive d3 redo s1 \""
                        + SteerDemo.REDO_FEEDBACK + "\" applied before step s1"));

        Path repo = result.repo();
        String branch = "ratchet/" + result.sessionId();
        assertThat(Git.run(repo, "rev-list", "--count", session.path("baseCommit").asText() + ".." + branch).strip())
                .isEqualTo("4");
        assertThat(Git.listFiles(repo, branch)).contains("textstats.py", "README.md").doesNotContain(
                "textstats_cli.py");
        assertThat(Git.show(repo, branch, "tests/test_textstats.py")).hasValueSatisfying(
                tests -> assertThat(tests).contains("test_punctuation_separates_words", "class MainTest"));
        assertThat(lines).contains("result branch " + branch + " in " + repo + ":");
    }

    @Test
    void everyScriptedScenarioHasItsSimulatorRules() {
        for (DemoScenario scenario : DemoScenarios.scripted()) {
            assertThat(layout.examples().resolve(scenario.simulatorScenario())).as(scenario.name()).isRegularFile();
            Map<String, Object> request = scenario.sessionRequest(Path.of("/repo"));
            assertThat((String) request.get("goal")).contains("demo scenario " + scenario.name());
        }
        for (String rules : DemoScenarios.simulatorScenarios()) {
            assertThat(layout.examples().resolve(rules)).as(rules).isRegularFile();
        }
        assertThat(DemoScenarios.simulatorScenarios()).contains(MavenScenario.scenario(Path.of("/m2"))
                .simulatorScenario());
        assertThat(DemoScenarios.runners()).containsKey(MavenScenario.NAME);
    }
}

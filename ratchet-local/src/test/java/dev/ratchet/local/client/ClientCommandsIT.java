package dev.ratchet.local.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import com.fasterxml.jackson.databind.JsonNode;

import dev.ratchet.core.json.Json;
import dev.ratchet.local.Demo;
import dev.ratchet.local.LocalCluster;
import dev.ratchet.local.LocalLayout;

/**
 * Every client command against a whole local cluster, as a person or a script uses them: submit with manual
 * approval, steer, approve, follow to the end, show, sessions, patch; the exit codes of a failed session, an unknown
 * session and a wrong key; {@code --json} output parsed.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ClientCommandsIT {

    private static final Duration WAIT = Duration.ofSeconds(90);

    static LocalCluster cluster;
    static LocalLayout layout;
    static Map<String, String> env;
    static Path work;
    static String id;

    record Run(int exit, String out, String err) {

        List<String> lines() {
            return out.lines().toList();
        }

        JsonNode json() {
            return Json.read(out, JsonNode.class);
        }
    }

    @BeforeAll
    static void startCluster() throws IOException {
        layout = LocalLayout.fromEnvironment();
        cluster = LocalCluster.start(layout, LocalCluster.Options.defaults().withExecutors(1)
                .withState(layout.stateDir().resolve("client-it"), true), line -> { });
        env = Map.of(Connection.URL_ENV, cluster.planner().url(), Connection.SKILLS_URL_ENV, cluster.skills().url(),
                Connection.KEY_ENV, cluster.planner().apiKey());
        work = Files.createTempDirectory("ratchet-client-it-");
    }

    @AfterAll
    static void stopCluster() {
        if (cluster != null) {
            cluster.close();
        }
    }

    static Run run(Map<String, String> environment, String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int exit = ClientCommands.run(layout, environment, List.of(args),
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Run(exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    static Run run(String... args) {
        return run(env, args);
    }

    @Test
    @Order(1)
    void submitWithManualApprovalWaitsForThePlanToBeApproved() {
        Path repo = Demo.prepareRepository(layout, work.resolve("approved"));

        Run submitted = run("submit", "--repo", repo.toString(), "--goal", Demo.GOAL, "--check",
                "unit-tests=" + Demo.CHECK_COMMAND, "--approve-plan", "--json");

        assertThat(submitted.exit()).as(submitted.err()).isEqualTo(Exit.DONE);
        id = submitted.json().path("id").asText();
        assertThat(id).isNotBlank();
        await().atMost(WAIT).untilAsserted(() -> assertThat(run("show", id, "--json").json().path("status").asText())
                .isEqualTo("AWAITING_APPROVAL"));
    }

    @Test
    @Order(2)
    void aNoteIsReceivedAndTheApprovedPlanRunsToCompletionWhileFollowed() {
        Run steered = run("steer", id, "--note", "keep each function short");
        assertThat(steered.exit()).as(steered.err()).isEqualTo(Exit.DONE);
        assertThat(steered.out()).startsWith("directive ").contains(" note received");

        Run approved = run("approve", id);
        assertThat(approved.exit()).as(approved.err()).isEqualTo(Exit.DONE);
        assertThat(approved.out()).isEqualTo("session " + id + " approved: RUNNING, 3 steps\n");

        Run followed = run("follow", id);
        assertThat(followed.exit()).as(followed.err()).isEqualTo(Exit.DONE);
        assertThat(followed.lines()).last().asString()
                .startsWith("session " + id + " COMPLETED: 3/3 steps verified");
        assertThat(followed.lines()).anyMatch(l -> l.matches("\\d\\d:\\d\\d:\\d\\d  .*plan approved.*"))
                .anyMatch(l -> l.matches("\\d\\d:\\d\\d:\\d\\d  step 3/3 .* verified.*"));
    }

    @Test
    @Order(3)
    void followJsonPrintsEveryEventThenTheSessionOneDocumentALine() {
        Run followed = run("follow", id, "--json");

        assertThat(followed.exit()).isEqualTo(Exit.DONE);
        List<JsonNode> documents = followed.lines().stream().map(l -> Json.read(l, JsonNode.class)).toList();
        assertThat(documents.get(0).path("type").asText()).isEqualTo("session.created");
        assertThat(documents.get(documents.size() - 2).path("type").asText()).isEqualTo("session.completed");
        assertThat(documents.get(documents.size() - 1).path("id").asText()).isEqualTo(id);
    }

    @Test
    @Order(4)
    void showListsThePlanAsAChecklist() {
        Run shown = run("show", id);

        assertThat(shown.exit()).isEqualTo(Exit.DONE);
        assertThat(shown.lines().get(0)).isEqualTo("session " + id + " COMPLETED: 3/3 steps verified");
        assertThat(shown.lines()).filteredOn(l -> l.startsWith("  [x] s")).hasSize(3);
        assertThat(shown.out()).contains("  goal:  " + Demo.GOAL);
    }

    @Test
    @Order(5)
    void sessionsListsTheSessionInTextAndJson() {
        Run text = run("sessions", "--status", "COMPLETED");
        Run json = run("sessions", "--json");

        assertThat(text.exit()).isEqualTo(Exit.DONE);
        assertThat(text.lines()).anyMatch(l -> l.startsWith(id) && l.contains("COMPLETED") && l.contains("3/3"));
        assertThat(json.json().path("items").findValuesAsText("id")).contains(id);
    }

    @Test
    @Order(6)
    void patchPrintsTheResultBranchForGitAm() {
        Run patch = run("patch", id);
        Run oneStep = run("patch", id, "--step", "s1");

        assertThat(patch.exit()).as(patch.err()).isEqualTo(Exit.DONE);
        assertThat(patch.out()).startsWith("From ").contains("Subject: [PATCH 1/3]").contains("Subject: [PATCH 3/3]");
        assertThat(oneStep.out()).startsWith("From ").doesNotContain("[PATCH 2/3]");
    }

    @Test
    @Order(7)
    void theCompletedSessionsSkillIsListedShownFoundTrustedAndUntrusted() {
        await().atMost(WAIT).until(() -> !run("skills", "list", "--json").json().path("items").isEmpty());
        String name = run("skills", "list", "--json").json().path("items").get(0).path("name").asText();

        Run list = run("skills", "list");
        Run show = run("skills", "show", name);
        Run search = run("skills", "search", "word statistics", "--json");
        Run trust = run("skills", "trust", name);
        Run untrust = run("skills", "untrust", name, "--json");
        Run unknown = run("skills", "show", "no-such-skill");

        assertThat(list.lines()).anyMatch(l -> l.startsWith(name + " ") && l.contains(" v1 "));
        assertThat(show.exit()).as(show.err()).isEqualTo(Exit.DONE);
        assertThat(show.lines().get(0)).startsWith("skill " + name + " v1 ");
        assertThat(show.out()).contains("name: " + name);
        assertThat(search.json().path("hits").findValuesAsText("name")).contains(name);
        assertThat(trust.exit()).as(trust.err()).isEqualTo(Exit.DONE);
        assertThat(trust.out()).isEqualTo("skill " + name + " trusted\n");
        assertThat(untrust.exit()).as(untrust.err()).isEqualTo(Exit.DONE);
        assertThat(untrust.json().path("status").asText()).isEqualTo("candidate");
        assertThat(untrust.json().path("statusReason").asText()).startsWith("trust withdrawn by a person; ");
        assertThat(unknown.exit()).isEqualTo(Exit.USAGE);
        assertThat(unknown.err()).startsWith("show: the API answered 404: ");
    }

    @Test
    @Order(8)
    void aSessionWhoseChecksFailEndsFollowWithExitOne() {
        Path repo = Demo.prepareRepository(layout, work.resolve("failing"));

        Run run = run("submit", "--repo", repo.toString(), "--goal", Demo.GOAL, "--check", "always-fails=false",
                "--follow");

        assertThat(run.exit()).as(run.err()).isEqualTo(Exit.SESSION_FAILED);
        assertThat(run.lines().get(0)).matches("session \\S+ (PLANNING|CREATED|RUNNING)");
        assertThat(run.lines()).last().asString().contains(" FAILED: step 1 rejected");
    }

    @Test
    @Order(9)
    void refusalsAreUsageErrorsWithTheProblemsDetail() {
        Run unknown = run("show", UUID.randomUUID().toString());
        Run wrongKey = run(Map.of(Connection.URL_ENV, cluster.planner().url(), Connection.KEY_ENV, "rk_wrong"),
                "sessions");
        Run notYours = run("approve", id);

        assertThat(unknown.exit()).isEqualTo(Exit.USAGE);
        assertThat(unknown.err()).startsWith("show: the API answered 404: ");
        assertThat(wrongKey.exit()).isEqualTo(Exit.USAGE);
        assertThat(wrongKey.err()).startsWith("sessions: the API answered 401: ");
        assertThat(notYours.exit()).isEqualTo(Exit.USAGE);
        assertThat(notYours.err()).startsWith("approve: the API answered 409: ");
    }
}

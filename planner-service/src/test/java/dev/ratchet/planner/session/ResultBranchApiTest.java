package dev.ratchet.planner.session;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.ratchet.core.event.StepRequested;
import dev.ratchet.runtime.redis.Blobs;
import dev.ratchet.testing.KafkaProbe;
import dev.ratchet.testing.KafkaResource;
import dev.ratchet.testing.RedisResource;
import dev.ratchet.testing.SimulatedModelResource;
import dev.ratchet.testing.TestKeys;
import dev.ratchet.testing.TextstatsSample;
import dev.ratchet.workspace.Git;
import dev.ratchet.workspace.ProcessRunner;

import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

/**
 * A completed session's result as the branch {@code ratchet/<id>} and its patch series, on a real repository:
 * the series applies to the base commit and passes the sample's checks; the target's branch and tree stay as they
 * were; a skipped step has no commit.
 */
@QuarkusTest
@WithTestResource(KafkaResource.class)
@WithTestResource(RedisResource.class)
@WithTestResource(SimulatedModelResource.class)
class ResultBranchApiTest {

    @Inject
    Blobs blobs;

    final KafkaProbe kafka = KafkaProbe.shared();

    @Inject
    RedisDataSource redis;

    @BeforeEach
    void authorize() {
        TestKeys.authorize(redis);
    }

    static String newFile(String path, String line) {
        return "diff --git a/" + path + " b/" + path + "\nnew file mode 100644\n--- /dev/null\n+++ b/" + path
                + "\n@@ -0,0 +1 @@\n+" + line + "\n";
    }

    private void verify(SessionDriver driver, String id, String stepId, String patch) {
        StepRequested request = driver.awaitRequest(id, stepId, 1);
        blobs.put(id, patch);
        kafka.send(SessionDriver.verified(request, patch));
    }

    @Test
    void aCompletedSessionIsABranchWhoseSeriesAppliesToTheBaseAndPassesTheChecks() {
        TextstatsSample sample = TextstatsSample.create();
        Path repo = sample.repo;
        String branch = Git.run(repo, "rev-parse", "--abbrev-ref", "HEAD").strip();
        SessionDriver driver = new SessionDriver(repo);
        String id = driver.start();
        given().get("/api/v1/sessions/" + id + "/patch").then().statusCode(409)
                .contentType("application/problem+json").body("detail", containsString("ratchet/" + id));
        // skip names a step of the plan: it is taken once the plan is there, not while the session plans.
        await().atMost(SessionDriver.WAIT).untilAsserted(() -> given().get("/api/v1/sessions/" + id).then()
                .body("status", equalTo("RUNNING")));
        given().contentType(ContentType.JSON).body(Map.of("directives", List.of(Map.of("type", "skip", "step", "s2"))))
                .post("/api/v1/sessions/" + id + "/steer").then().statusCode(202);
        verify(driver, id, "s1", newFile("notes/first.txt", "first"));
        verify(driver, id, "s3", newFile("notes/third.txt", "third"));
        await().atMost(SessionDriver.WAIT).untilAsserted(() -> given().get("/api/v1/sessions/" + id).then()
                .body("status", equalTo("COMPLETED")));

        String series = given().get("/api/v1/sessions/" + id + "/patch").then().statusCode(200)
                .contentType("application/mbox").extract().asString();
        assertThat(series).contains("Subject: [PATCH 1/2] Add word_count",
                "Subject: [PATCH 2/2] Add a command-line entry point",
                "Ratchet-Session: " + id, "Ratchet-Step: s3", "Ratchet-Variant: 0", ".ratchet/PROGRESS.md");
        assertThat(Git.run(repo, "rev-parse", "--abbrev-ref", "HEAD").strip()).isEqualTo(branch);
        assertThat(Git.headCommit(repo)).isEqualTo(sample.baseCommit);
        assertThat(Git.run(repo, "status", "--porcelain")).isEmpty();
        assertThat(Git.run(repo, "log", "-1", "--format=%an", "ratchet/" + id).strip()).isEqualTo("Ratchet");

        Path check = repo.resolveSibling("check-" + id);
        Git.run(repo.getParent(), "clone", "-q", repo.toString(), check.toString());
        Git.run(check, "checkout", "-q", "--detach", sample.baseCommit);
        Git.runWithInput(check, series, "am", "-q");
        assertThat(check.resolve("notes/third.txt")).hasContent("third");
        assertThat(ProcessRunner.run(List.of("sh", "-c", TextstatsSample.UNIT_TESTS.command()), check,
                Duration.ofSeconds(60), null, 1 << 20).ok()).isTrue();

        given().get("/api/v1/sessions/" + id + "/patch?step=s3").then().statusCode(200)
                .body(containsString("Subject: [PATCH] ")).body(containsString("notes/third.txt"));
        given().get("/api/v1/sessions/" + id + "/patch?step=s2").then().statusCode(404);
    }

    @Test
    void aRepositoryWithoutAgentsMdGetsOneProposedInTheFilesAndTheBranch() {
        Path repo = TextstatsSample.create().repo;
        Git.run(repo, "rm", "-q", "AGENTS.md");
        Git.run(repo, "-c", "user.name=Test", "-c", "user.email=test@localhost", "commit", "-q", "-m",
                "no AGENTS.md");
        SessionDriver driver = new SessionDriver(repo);
        String id = driver.start();

        given().get("/api/v1/sessions/" + id + "/files/AGENTS.md").then().statusCode(200)
                .body(containsString("_The repository has no AGENTS.md at the base commit._\n\n"
                        + "## Proposed AGENTS.md\n\nStatus: proposed\n\n# AGENTS.md (proposed by Ratchet)"))
                .body(containsString("- Test: `python3 -m unittest discover -s tests -t .` (from tests)"))
                .body(containsString("- unit-tests: `" + SessionDriver.CHECK_COMMAND + "`"));
        verify(driver, id, "s1", newFile("notes/one.txt", "one"));
        verify(driver, id, "s2", newFile("notes/two.txt", "two"));
        verify(driver, id, "s3", newFile("notes/three.txt", "three"));
        await().atMost(SessionDriver.WAIT).untilAsserted(() -> assertThat(Git.tryRun(repo, null, "show",
                "ratchet/" + id + ":.ratchet/AGENTS.md").output()).contains("Status: proposed")
                .contains("(from tests)"));
    }
}

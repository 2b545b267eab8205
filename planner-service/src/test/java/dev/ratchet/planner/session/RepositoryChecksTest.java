package dev.ratchet.planner.session;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.ratchet.testing.KafkaResource;
import dev.ratchet.testing.RedisResource;
import dev.ratchet.testing.SimulatedModelResource;
import dev.ratchet.testing.TestKeys;
import dev.ratchet.testing.TextstatsSample;
import dev.ratchet.workspace.Git;
import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;

/**
 * A session without checks takes the repository's, decided once at creation from the base commit: VERIFY.md's
 * ratchet-checks blocks, else the test command AGENTS.md documents; with neither, the request is refused saying how
 * to declare them.
 */
@QuarkusTest
@WithTestResource(KafkaResource.class)
@WithTestResource(RedisResource.class)
@WithTestResource(SimulatedModelResource.class)
class RepositoryChecksTest {

    @Inject
    RedisDataSource redis;

    @BeforeEach
    void authorize() {
        TestKeys.authorize(redis);
    }

    private static final String VERIFY_MD = """
            # How textstats is verified

            ```ratchet-checks
            [
              {"name": "compile", "command": "python3 -m py_compile textstats.py", "stage": "fast", "timeoutSeconds": 30},
              {"name": "unit-tests", "command": "python3 -m unittest discover -s tests -t ."}
            ]
            ```
            """;

    /** The sample with its base commit changed: {@code files} written (null content: removed) and committed. */
    private static Path sample(Map<String, String> files) throws IOException {
        Path repo = TextstatsSample.create().repo;
        for (Map.Entry<String, String> file : files.entrySet()) {
            if (file.getValue() == null) {
                Git.run(repo, "rm", "-q", file.getKey());
            } else {
                Files.writeString(repo.resolve(file.getKey()), file.getValue());
                Git.run(repo, "add", file.getKey());
            }
        }
        Git.run(repo, "commit", "-q", "-m", "checks");
        return repo;
    }

    private static ValidatableResponse create(Path repo) {
        return given().contentType(ContentType.JSON)
                .body(Map.of("repo", repo.toString(), "goal", "Add word statistics to textstats"))
                .when().post("/api/v1/sessions").then();
    }

    @Test
    void verifyMdDeclaresTheChecks() throws IOException {
        create(sample(Map.of("VERIFY.md", VERIFY_MD))).statusCode(201)
                .body("checks.name", contains("compile", "unit-tests"))
                .body("checks[0].stage", equalTo("fast"))
                .body("checks[0].timeoutSeconds", equalTo(30))
                .body("checks[1].timeoutSeconds", equalTo(300));
    }

    @Test
    void withoutVerifyMdTheTestCommandOfAgentsMd() {
        // the sample's AGENTS.md: "- Run the tests: `python3 -m unittest discover -s tests -t .`"
        create(TextstatsSample.create().repo).statusCode(201)
                .body("checks.name", contains("agents-md-tests"))
                .body("checks[0].command", equalTo("python3 -m unittest discover -s tests -t ."));
    }

    @Test
    void theRequestsChecksComeFirst() throws IOException {
        given().contentType(ContentType.JSON).body(Map.of("repo", sample(Map.of("VERIFY.md", VERIFY_MD)).toString(),
                "goal", "g", "checks", List.of(Map.of("name", "mine", "command", "true"))))
                .when().post("/api/v1/sessions").then().statusCode(201).body("checks.name", contains("mine"));
    }

    @Test
    void neitherIsABadRequestSayingHowToDeclareChecks() throws IOException {
        Map<String, String> noAgents = new HashMap<>();
        noAgents.put("AGENTS.md", null);
        create(sample(noAgents)).statusCode(400)
                .body("errors[0].field", equalTo("checks"))
                .body("errors[0].message", containsString("```ratchet-checks block to VERIFY.md"));
    }

    @Test
    void aBrokenVerifyMdIsABadRequestNamingItsLine() throws IOException {
        create(sample(Map.of("VERIFY.md", "# checks\n\n```ratchet-checks\n[{\"name\": \"x\"\n```\n"))).statusCode(400)
                .body("errors[0].field", equalTo("VERIFY.md"))
                .body("errors[0].message", startsWith("VERIFY.md line "));
    }

    @Test
    void checksFromVerifyMdAreBoundedLikeTheRequests() throws IOException {
        create(sample(Map.of("VERIFY.md", "```ratchet-checks\n[{\"name\": \"x\", \"command\": \"true\", "
                + "\"timeoutSeconds\": 99999}]\n```\n"))).statusCode(400)
                .body("errors[0].field", equalTo("VERIFY.md checks[0].timeoutSeconds"));
    }
}

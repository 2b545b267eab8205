package dev.ratchet.planner.session;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import dev.ratchet.core.event.SessionFailed;
import dev.ratchet.core.event.StepRequested;
import dev.ratchet.core.json.Json;
import dev.ratchet.testing.KafkaProbe;
import dev.ratchet.testing.KafkaResource;
import dev.ratchet.testing.RedisResource;
import dev.ratchet.testing.SimulatedModelResource;
import dev.ratchet.testing.TestKeys;
import dev.ratchet.testing.TextstatsSample;
import dev.ratchet.runtime.model.ModelsConfig;
import dev.ratchet.runtime.tracing.EventSpans;
import dev.ratchet.runtime.tracing.ModelSpans;
import dev.ratchet.workspace.Git;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

/**
 * Structured plans over HTTP, against the simulated model server, which answers {@code response_format} the way
 * OpenAI does (the plans in {@code scenarios/plans.json}): a plan within every bound runs and shows its scope; a step
 * over the executor's budget goes back to the model and is split in the second round; a plan still invalid after
 * the rounds fails the session with the reasons and no step is ever requested.
 */
@QuarkusTest
@WithTestResource(KafkaResource.class)
@WithTestResource(RedisResource.class)
@WithTestResource(value = SimulatedModelResource.class, initArgs = @ResourceArg(name = "scenario",
        value = "classpath:/scenarios/plans.json"))
class PlanningApiTest {

    static SessionDriver driver;

    @Inject
    RedisDataSource redis;

    @Inject
    InMemorySpanExporter spans;

    @Inject
    ModelsConfig models;

    final KafkaProbe kafka = KafkaProbe.shared();

    @BeforeAll
    static void sampleRepository() {
        driver = new SessionDriver(TextstatsSample.create().repo);
    }

    @BeforeEach
    void authorize() {
        TestKeys.authorize(redis);
    }

    /** The planner model requests (parsed) whose conversation mentions {@code marker}, oldest first. */
    static List<JsonNode> plannerRequests(String marker) {
        return SimulatedModelResource.recentRequests().stream().filter(b -> b.contains(marker))
                .map(b -> Json.read(b, JsonNode.class)).toList();
    }

    @Test
    void withoutAnAgentsMdThePlanningPromptHasTheProposedOneMarkedAsProposed() {
        Path repo = TextstatsSample.create().repo;
        Git.run(repo, "rm", "-q", "AGENTS.md");
        Git.run(repo, "-c", "user.name=Test", "-c", "user.email=test@localhost", "commit", "-q", "-m",
                "no AGENTS.md");

        new SessionDriver(repo).startWith(Map.of("goal", "Add a cli (no agents goal)"));

        String user = await().atMost(SessionDriver.WAIT).until(() -> plannerRequests("no agents goal"),
                r -> !r.isEmpty()).get(0).at("/messages/1/content").asText();
        assertThat(user).contains("The repository has no AGENTS.md. Ratchet proposes this one (PROPOSED, not the "
                + "repository's own").contains("# AGENTS.md (proposed by Ratchet)")
                .contains("- unit-tests: `" + SessionDriver.CHECK_COMMAND + "`")
                .doesNotContain("The repository's AGENTS.md:");
    }

    @Test
    void thePlanningConversationIsOneModelSpanOfTheSessionWithTheTokensOfEveryRound() {
        String id = driver.startWith(Map.of("goal", "Add a cli (split plan goal, traced)"));

        driver.firstRequest(id, redis);

        SpanData span = await().atMost(SessionDriver.WAIT).until(() -> spans.getFinishedSpanItems().stream()
                .filter(s -> s.getName().startsWith("chat ") && id.equals(s.getAttributes()
                        .get(AttributeKey.stringKey(EventSpans.SESSION_ID)))).toList(), l -> !l.isEmpty()).get(0);
        assertThat(plannerRequests("split plan goal, traced")).as("two rounds: the plan was split").hasSize(2);
        assertThat(span.getKind()).isEqualTo(SpanKind.CLIENT);
        assertThat(span.getAttributes().asMap())
                .containsEntry(AttributeKey.stringKey(ModelSpans.REQUEST_MODEL), models.planner().model())
                .containsEntry(AttributeKey.stringKey("ratchet.model.role"), "planner")
                .containsEntry(AttributeKey.stringKey("gen_ai.operation.name"), "chat")
                .containsKey(AttributeKey.longKey(ModelSpans.INPUT_TOKENS))
                .doesNotContainKey(AttributeKey.stringKey(EventSpans.STEP_ID));
        assertThat(span.getAttributes().get(AttributeKey.longKey(ModelSpans.INPUT_TOKENS))).isPositive();
        assertThat(span.getAttributes().get(AttributeKey.longKey(ModelSpans.OUTPUT_TOKENS))).isPositive();
    }

    @Test
    void aStructuredPlanIsAskedForWithTheSchemaAndRunsWithItsScopeShown() {
        String id = driver.startWith(Map.of("goal", "Add a cli (structured plan goal)"));

        driver.firstRequest(id, redis);

        JsonNode request = plannerRequests("structured plan goal").get(0);
        assertThat(request.at("/response_format/type").asText()).isEqualTo("json_schema");
        assertThat(request.at("/response_format/json_schema/name").asText()).isEqualTo("ratchet_plan");
        assertThat(request.at("/response_format/json_schema/strict").asBoolean()).isTrue();
        assertThat(request.at("/messages/0/content").asText()).contains("at most 8000 tokens of context")
                .contains("at most 400 changed lines");
        assertThat(request.at("/messages/1/content").asText()).contains("textstats.py\n  | def words(text)\n");
        given().get("/api/v1/sessions/" + id + "/plan").then().statusCode(200)
                .body("steps.id", equalTo(List.of("s1", "s2")))
                .body("steps[0].files", equalTo(List.of("textstats.py")))
                .body("steps[0].newFiles", equalTo(List.of("cli.py")))
                .body("steps[0].checks", equalTo(List.of("unit-tests")))
                .body("steps[0].estimatedTokens", equalTo(2400))
                .body("steps[1].maxChangedLines", equalTo(80));
        given().get("/api/v1/sessions/" + id + "/files/PLAN.md").then().statusCode(200)
                .body(containsString("  _Files: `textstats.py`; new: `cli.py`; checks: unit-tests; ~2400 tokens;"
                        + " at most 60 changed lines_\n"));
    }

    @Test
    void aPersonsEditedPlanIsHeldToTheSameChecksWhenItNamesFiles() {
        String id = driver.startWith(Map.of("goal", "Add a cli, by hand (structured plan goal)", "approval", "manual"));
        await().atMost(SessionDriver.WAIT).untilAsserted(() -> given().get("/api/v1/sessions/" + id + "/plan").then()
                .body("status", equalTo("AWAITING_APPROVAL")));

        given().contentType(ContentType.JSON).body(Map.of("steps", List.of(Map.of("id", "s1", "title", "Edit",
                        "instructions", "Edit nope.py", "files", List.of("nope.py"), "estimatedTokens", 9000))))
                .put("/api/v1/sessions/" + id + "/plan").then().statusCode(400)
                .contentType("application/problem+json")
                .body("errors.field", equalTo(List.of("steps[0].files[0]", "steps[0].estimatedTokens")));
        given().contentType(ContentType.JSON).body(Map.of("steps", List.of(Map.of("id", "s1", "title", "Edit",
                        "instructions", "Edit textstats.py", "files", List.of("textstats.py")))))
                .put("/api/v1/sessions/" + id + "/plan").then().statusCode(200)
                .body("steps[0].files", equalTo(List.of("textstats.py")));
    }

    @Test
    void aStepOverTheBudgetIsSentBackWithTheReasonAndSplitInTheSecondRound() {
        String id = driver.startWith(Map.of("goal", "Add word statistics (split plan goal)"));

        driver.firstRequest(id, redis);

        List<JsonNode> asked = plannerRequests("split plan goal");
        assertThat(asked).hasSize(2);
        JsonNode feedback = asked.get(1).at("/messages/3/content");
        assertThat(feedback.asText()).startsWith("Your plan cannot run as it is:\n- steps[1].estimatedTokens: is "
                + "12000 tokens, over the executor's step budget of 8000; split the step");
        assertThat(asked.get(1).at("/messages/2/role").asText()).isEqualTo("assistant");
        given().get("/api/v1/sessions/" + id + "/plan").then().statusCode(200)
                .body("status", equalTo("RUNNING"))
                .body("steps.title", equalTo(List.of("Add word_count", "Add top_words", "Test top_words")))
                .body("steps.estimatedTokens", equalTo(List.of(2000, 3500, 3500)));
    }

    @Test
    void aPlanStillInvalidAfterTheRoundsFailsTheSessionWithTheReasonsAndRunsNoStep() {
        String id = driver.startWith(Map.of("goal", "Fix the parser (hopeless plan goal)"));

        SessionFailed failed = await().atMost(SessionDriver.WAIT).until(() -> kafka.events(SessionFailed.class,
                e -> e.sessionId().equals(id)), list -> !list.isEmpty()).get(0);

        String reasons = "planning failed: the plan still has problems after 2 rounds: steps[0].files[0]: \"parser.py\""
                + " does not exist at the base commit and no earlier step creates it; list it in newFiles if this step"
                + " does; steps[0].checks[0]: \"e2e\" is not one of the session's checks [unit-tests]";
        assertThat(failed.payload().reason()).isEqualTo(reasons);
        assertThat(plannerRequests("hopeless plan goal")).hasSize(2);
        assertThat(kafka.events(StepRequested.class, e -> e.sessionId().equals(id))).isEmpty();
        given().get("/api/v1/sessions/" + id).then().statusCode(200).body("status", equalTo("FAILED"))
                .body("failureReason", equalTo(reasons));
        given().get("/api/v1/sessions/" + id + "/files/PROGRESS.md").then().statusCode(200)
                .body(containsString("Failure: " + reasons));
    }
}

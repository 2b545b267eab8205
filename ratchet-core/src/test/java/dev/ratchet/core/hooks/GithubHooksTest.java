package dev.ratchet.core.hooks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.Map;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.ratchet.core.Fixtures;
import dev.ratchet.core.json.Json;

/** GitHub signatures and the event-to-session mapping, on the octokit payload examples and variants of them. */
class GithubHooksTest {

    static final Map<String, String> GOALS = Map.of(
            GithubTriggers.WORKFLOW_FAILURE, "Make the failing workflow '{workflow}' pass on {branch} at {sha}",
            GithubTriggers.CHECK_FAILURE, "Make the failing check '{check}' pass at {sha} in {repo}");

    @Test
    void githubsPublishedTestVectorIsValid() {
        // docs.github.com/en/webhooks/using-webhooks/validating-webhook-deliveries,
        // "Testing the webhook payload validation"
        byte[] body = "Hello, World!".getBytes(StandardCharsets.UTF_8);
        String header = "sha256=757107ea0eb2509fc211221cce984b8a37570b6d7586c22c46f4379c8b043e17";

        assertThat(HubSignature.verify("It's a Secret to Everybody", body, header))
                .isEqualTo(HubSignature.Verdict.VALID);
        assertThat(HubSignature.sign("It's a Secret to Everybody", body)).isEqualTo(header);
        assertThat(HubSignature.verify("It's a Secret to Everybody", body, header.toUpperCase().replace("SHA256=",
                "sha256="))).isEqualTo(HubSignature.Verdict.VALID);
    }

    @Test
    void missingMalformedWrongPrefixAndWrongSignaturesAreRefused() {
        byte[] body = "Hello, World!".getBytes(StandardCharsets.UTF_8);
        String hex = "757107ea0eb2509fc211221cce984b8a37570b6d7586c22c46f4379c8b043e17";
        String secret = "It's a Secret to Everybody";

        assertThat(HubSignature.verify(secret, body, null)).isEqualTo(HubSignature.Verdict.MISSING);
        assertThat(HubSignature.verify(secret, body, "")).isEqualTo(HubSignature.Verdict.MISSING);
        assertThat(HubSignature.verify(secret, body, "sha1=" + hex)).isEqualTo(HubSignature.Verdict.MALFORMED);
        assertThat(HubSignature.verify(secret, body, hex)).isEqualTo(HubSignature.Verdict.MALFORMED);
        assertThat(HubSignature.verify(secret, body, "sha256=" + hex.substring(1)))
                .isEqualTo(HubSignature.Verdict.MALFORMED);
        assertThat(HubSignature.verify(secret, body, "sha256=" + hex + " "))
                .isEqualTo(HubSignature.Verdict.MALFORMED);
        assertThat(HubSignature.verify("another secret", body, "sha256=" + hex))
                .isEqualTo(HubSignature.Verdict.WRONG);
        assertThat(HubSignature.verify(secret, "Hello, World?".getBytes(StandardCharsets.UTF_8), "sha256=" + hex))
                .isEqualTo(HubSignature.Verdict.WRONG);
    }

    @Test
    void everyFixturePayloadIsMappedOrIgnoredWithItsReason() {
        assertThat(decide("workflow_run", "workflow_run.completed.payload.json")).isEqualTo(
                new HookTrigger.Ignore("workflow_run concluded success: only failures start a session"));
        assertThat(decide("workflow_run", "workflow_run.completed.with-pull-requests.payload.json")).isEqualTo(
                new HookTrigger.Ignore("workflow_run concluded success: only failures start a session"));
        assertThat(decide("workflow_run", "workflow_run.requested.payload.json")).isEqualTo(
                new HookTrigger.Ignore("workflow_run requested: only completed runs start a session"));
        assertThat(decide("check_run", "check_run.completed.payload.json")).isEqualTo(
                new HookTrigger.Ignore("check_run concluded success: only failures start a session"));
        assertThat(decide("check_suite", "check_suite.completed.payload.json")).isEqualTo(
                new HookTrigger.Ignore("event check_suite is not mapped to a session"));
        assertThat(decide("pull_request", "pull_request.opened.payload.json")).isEqualTo(
                new HookTrigger.Ignore("pull_request sessions (review only) are not built yet"));
        assertThat(decide("issue_comment", "issue_comment.created.payload.json")).isEqualTo(
                new HookTrigger.Ignore("comment on an issue, not on a pull request"));
        assertThat(decide("push", "push.payload.json")).isEqualTo(
                new HookTrigger.Ignore("event push is not mapped to a session"));
        assertThat(GithubTriggers.decide("ping", Json.mapper().createObjectNode(), GOALS))
                .isEqualTo(new HookTrigger.Pong());
    }

    @Test
    void failedWorkflowRunStartsTheFailingWorkflowGoalOnItsHeadSha() {
        ObjectNode payload = fixture("workflow_run.completed.payload.json");
        ((ObjectNode) payload.path("workflow_run")).put("conclusion", "failure");

        assertThat(GithubTriggers.decide("workflow_run", payload, GOALS)).isEqualTo(new HookTrigger.Start(
                GithubTriggers.WORKFLOW_FAILURE, "octo-org/octo-repo", "3484a3fb816e0859fd6e1cea078d76385ff50625",
                "Make the failing workflow 'test' pass on master at 3484a3fb816e0859fd6e1cea078d76385ff50625"));
    }

    @Test
    void failedCheckRunStartsTheFailingCheckGoal() {
        ObjectNode payload = fixture("check_run.completed.payload.json");
        ((ObjectNode) payload.path("check_run")).put("conclusion", "failure");

        assertThat(GithubTriggers.decide("check_run", payload, GOALS)).isEqualTo(new HookTrigger.Start(
                GithubTriggers.CHECK_FAILURE, "Codertocat/Hello-World", "ec26c3e57ca3a959ca5aad62de7213c562f8c821",
                "Make the failing check 'Octocoders-linter' pass at ec26c3e57ca3a959ca5aad62de7213c562f8c821 in "
                        + "Codertocat/Hello-World"));
    }

    @Test
    void ratchetCommentOnAPullRequestStartsItsGoalOnThePullRequestHead() {
        ObjectNode payload = fixture("issue_comment.created.payload.json");
        ((ObjectNode) payload.path("issue")).putObject("pull_request").put("url", "https://example.invalid/pulls/1");
        ((ObjectNode) payload.path("comment")).put("body", "/ratchet make the parser accept empty lines\n");

        assertThat(GithubTriggers.decide("issue_comment", payload, GOALS)).isEqualTo(new HookTrigger.Start(
                GithubTriggers.COMMENT, "Codertocat/Hello-World", "refs/pull/1/head",
                "make the parser accept empty lines"));

        ((ObjectNode) payload.path("comment")).put("body", "/ratchet   ");
        assertThat(GithubTriggers.decide("issue_comment", payload, GOALS)).isEqualTo(
                new HookTrigger.Ignore("comment does not start with '/ratchet <goal>'"));
    }

    @Test
    void aSignedPayloadWithoutTheFieldsItsEventNeedsNamesTheField() {
        ObjectNode payload = fixture("workflow_run.completed.payload.json");
        ((ObjectNode) payload.path("workflow_run")).put("conclusion", "failure");
        ((ObjectNode) payload.path("workflow_run")).put("head_sha", "not a sha");

        assertThatThrownBy(() -> GithubTriggers.decide("workflow_run", payload, GOALS))
                .isInstanceOfSatisfying(PayloadException.class, e -> {
                    assertThat(e.field()).isEqualTo("workflow_run.head_sha");
                    assertThat(e.reason()).isEqualTo("must be a commit SHA (40 hex digits)");
                });
        payload.remove("repository");
        ((ObjectNode) payload.path("workflow_run")).put("head_sha", "3484a3fb816e0859fd6e1cea078d76385ff50625");
        assertThatThrownBy(() -> GithubTriggers.decide("workflow_run", payload, GOALS))
                .isInstanceOfSatisfying(PayloadException.class, e -> assertThat(e.field()).isEqualTo("repository"));
        assertThatThrownBy(() -> GithubTriggers.decide("workflow_run", Json.mapper().createObjectNode(), GOALS))
                .isInstanceOfSatisfying(PayloadException.class, e -> assertThat(e.field()).isEqualTo("action"));
    }

    @Test
    void payloadValuesInAGoalAreOneLineAndBounded() {
        ObjectNode payload = fixture("workflow_run.completed.payload.json");
        ((ObjectNode) payload.path("workflow")).put("name", "a\nb" + "x".repeat(300));
        ((ObjectNode) payload.path("workflow_run")).put("conclusion", "failure");

        String goal = ((HookTrigger.Start) GithubTriggers.decide("workflow_run", payload, GOALS)).goal();

        assertThat(goal).startsWith("Make the failing workflow 'a b" + "x".repeat(197) + "...' pass")
                .doesNotContain("\n");
    }

    private static HookTrigger decide(String event, String file) {
        return GithubTriggers.decide(event, fixture(file), GOALS);
    }

    private static ObjectNode fixture(String file) {
        JsonNode node = Json.read(Fixtures.read("github-webhooks/" + file), JsonNode.class);
        return (ObjectNode) node;
    }
}

package dev.ratchet.core.hooks;

import java.util.Map;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Which GitHub events start a session, and with what goal. Only signed deliveries get here; their fields are still
 * checked, since a field missing or of the wrong type is a 400 naming it, not a session on nothing.
 *
 * <ul>
 * <li>{@code workflow_run} completed with conclusion {@code failure}: the {@code workflow-failure} goal at its
 * head SHA;
 * <li>{@code check_run} completed with conclusion {@code failure}: the {@code check-failure} goal at its head SHA;
 * <li>{@code issue_comment} created on a pull request, starting {@code /ratchet <goal>}: that goal at
 * {@code refs/pull/<n>/head};
 * <li>{@code ping}: a pong; anything else (other events, actions, conclusions): ignored with the reason.
 * </ul>
 */
public final class GithubTriggers {

    public static final String WORKFLOW_FAILURE = "workflow-failure";
    public static final String CHECK_FAILURE = "check-failure";
    public static final String COMMENT = "comment";
    static final String COMMAND = "/ratchet ";
    /** A workflow or check name or branch longer than this is cut: it is a label in a goal, not the goal. */
    static final int MAX_VALUE = 200;
    private static final Pattern SHA = Pattern.compile("[0-9a-f]{40}");

    private GithubTriggers() {
    }

    /**
     * @param goals goal templates by trigger ({@value #WORKFLOW_FAILURE}, {@value #CHECK_FAILURE}), with
     *        {@code {workflow}}, {@code {check}}, {@code {branch}}, {@code {sha}} and {@code {repo}} filled in
     * @throws PayloadException naming the field when the payload lacks one the event needs
     */
    public static HookTrigger decide(String event, JsonNode payload, Map<String, String> goals) {
        return switch (event) {
            case "ping" -> new HookTrigger.Pong();
            case "workflow_run" -> failure(payload, "workflow_run", WORKFLOW_FAILURE, goals);
            case "check_run" -> failure(payload, "check_run", CHECK_FAILURE, goals);
            case "issue_comment" -> comment(payload);
            case "pull_request" -> new HookTrigger.Ignore("pull_request sessions (review only) are not built yet");
            default -> new HookTrigger.Ignore("event " + label(event) + " is not mapped to a session");
        };
    }

    private static HookTrigger failure(JsonNode payload, String kind, String trigger, Map<String, String> goals) {
        String action = text(payload, "action");
        if (!action.equals("completed")) {
            return new HookTrigger.Ignore(kind + " " + label(action) + ": only completed runs start a session");
        }
        JsonNode run = object(payload, kind);
        String conclusion = run.path("conclusion").asText("none");
        if (!conclusion.equals("failure")) {
            return new HookTrigger.Ignore(kind + " concluded " + label(conclusion)
                    + ": only failures start a session");
        }
        String sha = text(run, kind + ".head_sha");
        if (!SHA.matcher(sha).matches()) {
            throw new PayloadException(kind + ".head_sha", "must be a commit SHA (40 hex digits)");
        }
        String repo = repository(payload);
        // A run's own name may be empty (as in GitHub's example); the workflow's is the one people know.
        String workflow = payload.path("workflow").path("name").asText(run.path("name").asText(""));
        String goal = goals.getOrDefault(trigger, "")
                .replace("{workflow}", label(workflow))
                .replace("{check}", label(run.path("name").asText("")))
                .replace("{branch}", label(run.path("head_branch").asText(run.path("check_suite")
                        .path("head_branch").asText(""))))
                .replace("{sha}", sha).replace("{repo}", repo);
        return new HookTrigger.Start(trigger, repo, sha, goal);
    }

    private static HookTrigger comment(JsonNode payload) {
        String action = text(payload, "action");
        if (!action.equals("created")) {
            return new HookTrigger.Ignore("issue_comment " + label(action) + ": only new comments start a session");
        }
        JsonNode issue = object(payload, "issue");
        if (!issue.path("pull_request").isObject()) {
            return new HookTrigger.Ignore("comment on an issue, not on a pull request");
        }
        String body = text(object(payload, "comment"), "comment.body");
        if (!body.startsWith(COMMAND) || body.substring(COMMAND.length()).isBlank()) {
            return new HookTrigger.Ignore("comment does not start with '/ratchet <goal>'");
        }
        JsonNode number = issue.path("number");
        if (!number.canConvertToInt() || number.asInt() < 1) {
            throw new PayloadException("issue.number", "must be a positive number");
        }
        return new HookTrigger.Start(COMMENT, repository(payload), "refs/pull/" + number.asInt() + "/head",
                body.substring(COMMAND.length()).strip());
    }

    private static String repository(JsonNode payload) {
        return text(object(payload, "repository"), "repository.full_name");
    }

    private static JsonNode object(JsonNode parent, String field) {
        JsonNode node = parent.path(field);
        if (!node.isObject()) {
            throw new PayloadException(field, "must be an object");
        }
        return node;
    }

    /** A required text field; {@code path} names it in the error (its last segment is the field read). */
    private static String text(JsonNode parent, String path) {
        JsonNode node = parent.path(path.substring(path.lastIndexOf('.') + 1));
        if (!node.isTextual()) {
            throw new PayloadException(path, "must be a string");
        }
        return node.asText();
    }

    /** A value from the payload as it may appear in a goal or a reason: one line, at most 200 characters. */
    static String label(String value) {
        String line = value.replaceAll("[\\r\\n\\t]+", " ").strip();
        return line.length() <= MAX_VALUE ? line : line.substring(0, MAX_VALUE) + "...";
    }
}

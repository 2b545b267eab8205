package dev.ratchet.planner.hooks;

import java.io.IOException;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;

import dev.ratchet.core.hooks.HookTrigger;
import dev.ratchet.core.hooks.GithubTriggers;
import dev.ratchet.core.hooks.HubSignature;
import dev.ratchet.core.hooks.PayloadException;
import dev.ratchet.core.json.Json;
import dev.ratchet.core.session.FieldViolation;
import dev.ratchet.core.store.RedisKeys;
import dev.ratchet.planner.session.flow.SessionService;
import dev.ratchet.runtime.rest.ProblemException;
import dev.ratchet.runtime.rest.ProblemMappers;
import dev.ratchet.runtime.rest.QueryParams;

/**
 * {@code POST /hooks/github}: a GitHub webhook delivery. The signature is checked on the raw bytes before anything
 * parses them (401 when missing, malformed or wrong; 503 while no secret is configured); then core
 * {@link GithubTriggers} decides, a mapped repository gives the local clone and team, and the delivery id is claimed
 * in Redis so that a redelivery starts nothing. Bodies up to 25 MiB (GitHub's own cap) are read; larger is a 413.
 */
@Path("/hooks/github")
@Tag(name = "Webhooks", description = "CI triggers: GitHub's signed webhook; other CI systems' CloudEvents, with an API key")
@Produces(MediaType.APPLICATION_JSON)
public class GithubHookResource {

    /** GitHub's delivery ids are UUIDs; anything printable of up to 100 characters is taken, nothing else. */
    private static final Pattern DELIVERY = Pattern.compile("[A-Za-z0-9-]{1,100}");
    private static final Pattern EVENT = Pattern.compile("[a-z_]{1,64}");

    /** What the hook did with a delivery. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Answer(String status, String delivery, String reason, String session) {
    }

    private final GithubHooksConfig config;
    private final HookDeliveries deliveries;
    private final SessionService sessions;
    private final HookClones clones;

    GithubHookResource(GithubHooksConfig config, HookDeliveries deliveries, SessionService sessions,
            HookClones clones) {
        this.config = config;
        this.deliveries = deliveries;
        this.sessions = sessions;
        this.clones = clones;
    }

    @POST
    @Consumes(MediaType.WILDCARD)
    @Operation(summary = "Receive a GitHub webhook delivery", description = "Checked against X-Hub-Signature-256"
            + " (HMAC-SHA256 of the raw body with ratchet.hooks.github.secret) before parsing: 401 when missing,"
            + " malformed or wrong, 503 while no secret is configured, 413 over 25 MiB. A failed workflow_run or"
            + " check_run, or a /ratchet comment on a pull request, starts a session (201); a redelivery answers"
            + " duplicate (200); ping answers pong (200); anything else is ignored with the reason (202).")
    @APIResponse(responseCode = "201", description = "A session started", content = @Content(
            mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = Answer.class)))
    @APIResponse(responseCode = "200", description = "pong, or a duplicate delivery", content = @Content(
            mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = Answer.class)))
    @APIResponse(responseCode = "202", description = "Ignored, with the reason", content = @Content(
            mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = Answer.class)))
    @APIResponse(responseCode = "401", description = "X-Hub-Signature-256 missing, malformed or wrong")
    @APIResponse(responseCode = "503", description = "No secret is configured; every delivery is refused")
    public Response deliver(@RequestBody(required = true, content = @Content(mediaType = MediaType.APPLICATION_JSON,
            examples = @ExampleObject(name = "ping", value = "{\"zen\": \"Design for failure.\", \"hook_id\": 1}")))
            byte[] body,
            @Parameter(description = "sha256=<hex HMAC of the body>",
                    example = "sha256=757107ea0eb2509fc211221cce984b8a37570b6d7586c22c46f4379c8b043e17")
            @HeaderParam("X-Hub-Signature-256") String signature,
            @Parameter(description = "The event name", example = "workflow_run") @HeaderParam("X-GitHub-Event")
            String event,
            @Parameter(description = "The delivery id, for dedupe", example = "72d3162e-cc78-11e3-81ab-4c9367dc0958")
            @HeaderParam("X-GitHub-Delivery") String delivery,
            @Context UriInfo uri) {
        String secret = config.secret().filter(s -> !s.isEmpty()).orElseThrow(() -> new ProblemException(503,
                ProblemMappers.TYPE_UNAVAILABLE, "Webhook not configured", "no secret is configured "
                        + "(ratchet.hooks.github.secret, RATCHET_HOOKS_GITHUB_SECRET); deliveries are refused",
                List.of()));
        HubSignature.Verdict verdict = HubSignature.verify(secret, body == null ? new byte[0] : body, signature);
        if (verdict != HubSignature.Verdict.VALID) {
            throw new ProblemException(401, ProblemMappers.TYPE_UNAUTHORIZED, "Unauthorized", verdict.reason(),
                    List.of());
        }
        requireHeader("X-GitHub-Event", event, EVENT);
        requireHeader("X-GitHub-Delivery", delivery, DELIVERY);
        HookTrigger trigger;
        try {
            trigger = GithubTriggers.decide(event, object(body), goals());
        } catch (PayloadException e) {
            throw ProblemException.invalid("Malformed delivery", List.of(new FieldViolation(e.field(), e.reason())));
        }
        if (trigger instanceof HookTrigger.Start start) {
            return start(start, delivery, uri);
        }
        if (trigger instanceof HookTrigger.Ignore ignore) {
            return ignored(delivery, ignore.reason());
        }
        return Response.ok(new Answer("pong", delivery, null, null)).build();
    }

    private Response start(HookTrigger.Start start, String delivery, UriInfo uri) {
        GithubHooksConfig.Repo repo = config.repos().get(start.repository());
        if (repo == null) {
            return ignored(delivery, "repository " + start.repository() + " is not mapped to a local clone "
                    + "(ratchet.hooks.github.repos.\"" + start.repository() + "\".path and .team)");
        }
        HookDeliveries.Once once = deliveries.startOnce(RedisKeys.githubDelivery(delivery),
                () -> {
                    clones.prepare(repo.path(), repo.cloneUrl(), start.revision());
                    return sessions.createAt(repo.team(), repo.path(), start.revision(), start.goal());
                });
        if (!once.started()) {
            return Response.ok(new Answer("duplicate", delivery, "delivery " + delivery + " was handled already",
                    once.session())).build();
        }
        URI location = uri.getBaseUriBuilder().path("api/v1/sessions").path(once.session()).build();
        return Response.created(location).entity(new Answer("started", delivery, start.trigger() + " on "
                + start.repository() + " at " + start.revision(), once.session())).build();
    }

    private static JsonNode object(byte[] body) {
        JsonNode tree;
        try {
            tree = body == null ? null : Json.mapper().readTree(body);
        } catch (IOException e) {
            tree = null;
        }
        if (tree == null || !tree.isObject()) {
            throw ProblemException.invalid("Malformed delivery", List.of(new FieldViolation("body",
                    "must be a JSON object")));
        }
        return tree;
    }

    private Map<String, String> goals() {
        return Map.of(GithubTriggers.WORKFLOW_FAILURE, config.goals().workflowFailure(),
                GithubTriggers.CHECK_FAILURE, config.goals().checkFailure());
    }

    private static Response ignored(String delivery, String reason) {
        return Response.accepted(new Answer("ignored", delivery, reason, null)).build();
    }

    private static void requireHeader(String name, String value, Pattern shape) {
        if (value == null || !shape.matcher(value).matches()) {
            throw ProblemException.invalidParameter(name, value == null ? "is required"
                    : "must match " + shape.pattern() + ", not '" + QueryParams.echo(value) + "'");
        }
    }
}

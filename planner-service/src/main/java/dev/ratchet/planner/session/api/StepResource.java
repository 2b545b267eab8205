package dev.ratchet.planner.session.api;

import java.net.URI;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import dev.ratchet.core.event.CheckResult;
import dev.ratchet.core.session.Attempt;
import dev.ratchet.core.session.Candidate;
import dev.ratchet.core.session.FieldViolation;
import dev.ratchet.core.session.Session;
import dev.ratchet.core.session.StepState;
import dev.ratchet.planner.session.flow.CandidateService;
import dev.ratchet.runtime.redis.Blobs;
import dev.ratchet.runtime.rest.Links;
import dev.ratchet.runtime.rest.ProblemException;
import dev.ratchet.runtime.rest.QueryParams;
import dev.ratchet.runtime.rest.StrictJson;
import io.quarkus.resteasy.reactive.jackson.CustomDeserialization;

/** One step of a session: people's candidate patches for it, and the screenshots its browser checks took. */
@Path("/api/v1/sessions/{id}/steps/{stepId}")
@Tag(name = "Steps", description = "Candidate patches and screenshots of one step")
public class StepResource {

    private static final int MAX_ATTEMPT = 1000;
    private static final String CANDIDATE_EXAMPLE = """
            {"author": "alice",
             "patch": "--- a/textstats.py\\n+++ b/textstats.py\\n@@ -1 +1,2 @@\\n import re\\n+import collections\\n"}\
            """;

    private final SessionLookup lookup;
    private final CandidateService candidates;
    private final Blobs blobs;

    StepResource(SessionLookup lookup, CandidateService candidates, Blobs blobs) {
        this.lookup = lookup;
        this.candidates = candidates;
        this.blobs = blobs;
    }

    /** A person's patch for the running step: 202 once it is on its way to the verifiers. */
    @POST
    @Path("candidates")
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    @CustomDeserialization(StrictJson.class)
    @Operation(summary = "Submit a candidate patch", description = "A person's unified diff for the running step,"
            + " verified like an executor's attempt; 202 once it is on its way to the verifiers.")
    @APIResponse(responseCode = "202", description = "The candidate, on its way to the verifiers")
    public Response submit(
            @Parameter(description = SessionLookup.ID, example = SessionLookup.ID_EXAMPLE) @PathParam("id") String id,
            @Parameter(description = "The step id", example = "s2") @PathParam("stepId") String stepId,
            @RequestBody(required = true, content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    examples = @ExampleObject(name = "a fix", value = CANDIDATE_EXAMPLE))) CandidateRequest body,
            @Context UriInfo uri) {
        Session session = lookup.require(id);
        if (body == null) {
            throw ProblemException.invalid("Invalid candidate",
                    List.of(new FieldViolation("body", "must be a JSON object with author and patch")));
        }
        Candidate candidate = candidates.submit(session, stepId, body.author(), body.patch());
        String self = Links.base(uri) + "/api/v1/sessions/" + id;
        return Response.accepted(new CandidateView(stepId, candidate, Map.of("session", self, "events",
                self + "/events"))).location(URI.create(self)).build();
    }

    /** What a candidate became once submitted: its variant of the attempt, its stored diff, its status. */
    public record CandidateView(String stepId, Candidate candidate, Map<String, String> links) {
    }

    /**
     * The PNG screenshot a browser check took of one page on one attempt: the check's first page, or the one
     * {@code path} names.
     */
    @GET
    @Path("attempts/{attempt}/screenshots/{check}")
    @Produces("image/png")
    @Operation(summary = "Fetch a screenshot", description = "The PNG a browser check took of one page on one"
            + " attempt: the check's first page, or the one ?path= names.")
    public byte[] screenshot(
            @Parameter(description = SessionLookup.ID, example = SessionLookup.ID_EXAMPLE) @PathParam("id") String id,
            @Parameter(description = "The step id", example = "s1") @PathParam("stepId") String stepId,
            @Parameter(description = "The attempt number, from 1", example = "1") @PathParam("attempt")
            String attemptText,
            @Parameter(description = "The browser check's name", example = "home-page") @PathParam("check")
            String check,
            @Parameter(description = "The page's path", example = "/") @QueryParam("path") String page) {
        Session session = lookup.require(id);
        int number = QueryParams.intParam("attempt", attemptText, 1, 1, MAX_ATTEMPT);
        StepState step = SessionLookup.step(session, stepId);
        Attempt attempt = step.attempts().stream().filter(a -> a.number() == number).findFirst()
                .orElseThrow(() -> ProblemException.notFound("step " + stepId + " has no attempt " + number));
        CheckResult result = attempt.checks().stream().filter(c -> c.name().equals(check)).findFirst()
                .orElseThrow(() -> ProblemException.notFound("attempt " + number + " of step " + stepId
                        + " has no result of a check named " + QueryParams.echo(check)));
        CheckResult.Screenshot shot = result.screenshots().stream()
                .filter(s -> page == null || s.path().equals(page)).findFirst()
                .orElseThrow(() -> ProblemException.notFound("check " + check + " took no screenshot"
                        + (page == null ? "" : " of " + QueryParams.echo(page)) + " on attempt " + number));
        return Base64.getDecoder().decode(blobs.get(shot.image()));
    }
}

package dev.ratchet.planner.session.api;

import java.util.List;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import dev.ratchet.core.event.BlobRef;
import dev.ratchet.core.session.CandidatePatch;
import dev.ratchet.core.session.Session;
import dev.ratchet.core.session.StepState;
import dev.ratchet.core.store.RedisKeys;
import dev.ratchet.planner.session.store.SessionStore;
import dev.ratchet.runtime.redis.Blobs;
import dev.ratchet.runtime.redis.MissingBlobException;
import dev.ratchet.runtime.rest.ProblemException;
import dev.ratchet.runtime.rest.QueryParams;

/**
 * One candidate's diff as soon as it was verified or rejected, while the session still runs: a variant of an attempt
 * (a losing one's too), or a person's candidate (variant 101 and up). The result branch ({@code GET .../patch})
 * exists only once the session completed; this reads the patch the verdict points at (core {@link CandidatePatch}).
 * The diff comes as {@code text/x-diff}, or with {@code Accept: application/json} as an {@link AttemptDiff} that
 * labels it verified or rejected, with the stage and reason.
 */
@Path("/api/v1/sessions/{id}/steps/{stepId}/attempts/{attempt}/diff")
@Tag(name = "Steps", description = "Candidate patches and screenshots of one step")
public class AttemptDiffResource {

    /**
     * Twice the executor's default {@code ratchet.executor.max-patch-bytes} (1 MiB), and more than the API's 1 MiB
     * body limit for a person's candidate: every patch Ratchet stores fits, and a reference claiming more is not
     * read into memory.
     */
    static final long MAX_DIFF_BYTES = 2L * 1024 * 1024;
    private static final int MAX_ATTEMPT = 1000;
    private static final int MAX_VARIANT = 10_000;

    private final SessionLookup lookup;
    private final SessionStore store;
    private final Blobs blobs;

    AttemptDiffResource(SessionLookup lookup, SessionStore store, Blobs blobs) {
        this.lookup = lookup;
        this.store = store;
        this.blobs = blobs;
    }

    /** A candidate's diff with what became of it: {@code status} VERIFIED, REJECTED (with why), or a person's. */
    public record AttemptDiff(String step, int attempt, int variant, String status, boolean rejected, String stage,
            String reason, String diff) {
    }

    @GET
    @Produces({"text/x-diff", MediaType.APPLICATION_JSON})
    @Operation(summary = "Fetch a candidate's diff", description = "The unified diff of one variant of an attempt"
            + " (?variant=, 0 by default; a person's candidates are 101 and up) once it was verified or rejected,"
            + " before the session completes; with Accept: application/json, the diff labelled with its status and,"
            + " when rejected, the stage and reason. 404 naming what is missing (a variant rejected with no patch, such"
            + " as an executor's error).")
    public Response diff(
            @Parameter(description = SessionLookup.ID, example = SessionLookup.ID_EXAMPLE) @PathParam("id") String id,
            @Parameter(description = "The step id", example = "s1") @PathParam("stepId") String stepId,
            @Parameter(description = "The attempt number, from 1", example = "1") @PathParam("attempt")
            String attemptText,
            @Parameter(description = "The variant, from 0; a person's candidates are 101 and up", example = "2")
            @QueryParam("variant") String variantText,
            @HeaderParam(HttpHeaders.ACCEPT) String accept) {
        Session session = lookup.require(id);
        int attempt = QueryParams.intParam("attempt", attemptText, 1, 1, MAX_ATTEMPT);
        int variant = QueryParams.intParam("variant", variantText, 0, 0, MAX_VARIANT);
        StepState step = SessionLookup.step(session, stepId);
        CandidatePatch found = CandidatePatch.find(step, attempt, variant, store.accepted(id));
        BlobRef ref = found.ref().orElseThrow(() -> ProblemException.notFound(found.missing()));
        String what = "the diff of variant " + variant + " of attempt " + attempt + " of step " + stepId;
        if (!RedisKeys.blobs(session.id()).equals(ref.key())) {
            // A verdict's reference came from an executor: it is read from this session's blobs or not at all.
            throw ProblemException.notFound(what + " points outside the session's blobs");
        }
        if (ref.size() > MAX_DIFF_BYTES) {
            throw ProblemException.unprocessable("Diff too large", "the diff of variant " + variant + " has "
                    + ref.size() + " bytes; at most " + MAX_DIFF_BYTES + " are served", List.of());
        }
        String diff;
        try {
            diff = blobs.get(ref);
        } catch (MissingBlobException e) {
            throw ProblemException.notFound(what + " is no longer stored (" + e.getMessage() + ")");
        }
        if (accept != null && accept.contains(MediaType.APPLICATION_JSON)) {
            return Response.ok(new AttemptDiff(stepId, attempt, variant, found.status(), found.rejected(),
                    found.stage(), found.reason(), diff), MediaType.APPLICATION_JSON).build();
        }
        return Response.ok(diff, "text/x-diff").build();
    }
}

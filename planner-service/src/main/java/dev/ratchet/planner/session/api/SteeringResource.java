package dev.ratchet.planner.session.api;

import java.net.URI;
import java.util.List;
import java.util.Map;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
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

import dev.ratchet.core.plan.PlanStep;
import dev.ratchet.core.session.Directive;
import dev.ratchet.core.session.FieldViolation;
import dev.ratchet.core.session.Session;
import dev.ratchet.core.session.StepState;
import dev.ratchet.planner.session.flow.SteeringService;
import dev.ratchet.runtime.rest.Links;
import dev.ratchet.runtime.rest.ProblemException;
import dev.ratchet.runtime.rest.StrictJson;
import io.quarkus.resteasy.reactive.jackson.CustomDeserialization;

/**
 * A person in the front seat: read, edit and approve the plan of a session created with {@code "approval":
 * "manual"}, and steer any unfinished session with directives that take effect at the next step boundary.
 */
@Path("/api/v1/sessions/{id}")
@Tag(name = "Steering", description = "Read, edit and approve a plan; steer a running session")
@Produces(MediaType.APPLICATION_JSON)
public class SteeringResource {

    private static final String PLAN_EXAMPLE = """
            {"steps": [{"id": "s1", "title": "Add word_count", "instructions": "Add word_count(text) to textstats.py"},
                       {"id": "s2", "title": "Add top_words", "instructions": "Add top_words(text, n) with tests"}]}""";
    private static final String STEER_EXAMPLE = """
            {"directives": [{"type": "note", "text": "do not touch the CLI yet"},
                            {"type": "guardrails", "guardrails": {"deletes": false, "forbid": ["cli/**"]}}]}""";

    private final SessionLookup lookup;
    private final SteeringService steering;

    SteeringResource(SessionLookup lookup, SteeringService steering) {
        this.lookup = lookup;
        this.steering = steering;
    }

    /**
     * The plan as it stands (with a person's edits), the session's status and its approval mode; {@code revision} is
     * the plan's revision (1 until a failed step made the planner model revise it), {@code revisions} every
     * re-planning with what it replaced.
     */
    public record PlanView(String sessionId, String status, String approval, List<PlanStep> steps, int revision,
            List<RevisionView> revisions) {

        static PlanView of(Session s) {
            return new PlanView(s.id(), s.status().name(), s.steering().approval().json(), s.steps().stream()
                    .map(StepState::planStep).toList(),
                    1 + (int) s.revisions().stream().filter(r -> !r.pending()).count(), RevisionView.of(s));
        }
    }

    /** What became of the directives of one request: their ids, and the step each took effect before once applied. */
    public record SteerView(String sessionId, List<Directive> directives, Map<String, String> links) {
    }

    @GET
    @Path("plan")
    @Operation(summary = "Read the plan", description = "The plan as it stands (with a person's edits), the"
            + " session's status and its approval mode, the plan's revision and every re-planning after a failed"
            + " step.")
    public PlanView plan(
            @Parameter(description = SessionLookup.ID, example = SessionLookup.ID_EXAMPLE) @PathParam("id") String id) {
        return PlanView.of(lookup.require(id));
    }

    /** Replaces the plan that waits for approval, validated like a new one (400 naming the field). */
    @PUT
    @Path("plan")
    @Consumes(MediaType.APPLICATION_JSON)
    @CustomDeserialization(StrictJson.class)
    @Operation(summary = "Edit the plan", description = "Replaces the plan of a session that awaits approval;"
            + " validated like a new plan (400 naming the field), 409 once it is approved.")
    public PlanView editPlan(
            @Parameter(description = SessionLookup.ID, example = SessionLookup.ID_EXAMPLE) @PathParam("id") String id,
            @RequestBody(required = true,
            content = @Content(mediaType = MediaType.APPLICATION_JSON, examples = @ExampleObject(name = "two steps",
                    value = PLAN_EXAMPLE))) PlanEdit body) {
        Session session = lookup.require(id);
        if (body == null) {
            throw ProblemException.invalid("Invalid plan",
                    List.of(new FieldViolation("body", "must be a JSON object with steps")));
        }
        return PlanView.of(steering.editPlan(session, body.steps()));
    }

    @POST
    @Path("plan/approve")
    @Operation(summary = "Approve the plan", description = "Starts a session created with \"approval\":"
            + " \"manual\" on its plan as it stands.")
    public PlanView approve(
            @Parameter(description = SessionLookup.ID, example = SessionLookup.ID_EXAMPLE) @PathParam("id") String id) {
        return PlanView.of(steering.approve(lookup.require(id)));
    }

    /** 202 with each directive's id; it takes effect at the next step boundary (GET the session to see when). */
    @POST
    @Path("steer")
    @Consumes(MediaType.APPLICATION_JSON)
    @CustomDeserialization(StrictJson.class)
    @Operation(summary = "Steer a session", description = "Directives (note, guardrails, redo, skip, pause,"
            + " resume, cancel) that take effect at the next step boundary; 202 with each directive's id.")
    @APIResponse(responseCode = "202", description = "The directives, queued")
    public Response steer(
            @Parameter(description = SessionLookup.ID, example = SessionLookup.ID_EXAMPLE) @PathParam("id") String id,
            @RequestBody(required = true,
            content = @Content(mediaType = MediaType.APPLICATION_JSON, examples = @ExampleObject(name = "note and"
                    + " guardrails", value = STEER_EXAMPLE))) SteerRequest body, @Context UriInfo uri) {
        Session session = lookup.require(id);
        if (body == null || body.directives() == null) {
            throw ProblemException.invalid("Invalid directives",
                    List.of(new FieldViolation("directives", "must be a list of directives")));
        }
        List<Directive> taken = steering.steer(session, body.directives().stream()
                .map(d -> d == null ? null : d.toDirective()).toList());
        String self = Links.base(uri) + "/api/v1/sessions/" + id;
        return Response.accepted(new SteerView(id, taken, Map.of("session", self, "events", self + "/events")))
                .location(URI.create(self)).build();
    }
}

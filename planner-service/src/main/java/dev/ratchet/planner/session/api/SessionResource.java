package dev.ratchet.planner.session.api;

import java.net.URI;
import java.util.List;

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

import dev.ratchet.core.auth.Caller;
import dev.ratchet.core.event.Check;
import dev.ratchet.core.files.SessionFiles;
import dev.ratchet.core.session.FieldViolation;
import dev.ratchet.core.session.Session;
import dev.ratchet.planner.session.flow.ResultBranches;
import dev.ratchet.planner.session.flow.SessionDocuments;
import dev.ratchet.planner.session.flow.SessionService;
import dev.ratchet.planner.session.store.SessionStore;
import dev.ratchet.runtime.auth.CurrentCaller;
import dev.ratchet.runtime.rest.Links;
import dev.ratchet.runtime.rest.ProblemException;
import dev.ratchet.runtime.rest.QueryParams;
import dev.ratchet.runtime.rest.StrictJson;

import io.quarkus.resteasy.reactive.jackson.CustomDeserialization;

/**
 * The platform API for engineering teams: start a session, list and follow sessions, read the four files, fetch the
 * result as a patch series. Its live progress is
 * {@link SessionEventsResource}.
 */
@Path("/api/v1/sessions")
@Tag(name = "Sessions", description = "Start, list and follow coding sessions; read their files and result")
@Produces(MediaType.APPLICATION_JSON)
public class SessionResource {

    private static final String CREATE_EXAMPLE = """
            {"repo": "/path/to/repo", "goal": "Add word statistics", "approval": "manual",
             "checks": [{"name": "unit-tests", "command": "python3 -m unittest", "timeoutSeconds": 60}],
             "budget": {"tokens": 100000, "wallClockSeconds": 1800}}""";

    private final SessionService sessions;
    private final SessionLookup lookup;
    private final SessionStore store;
    private final SessionPages pages;
    private final SessionDocuments documents;
    private final ResultBranches results;
    private final CurrentCaller caller;

    SessionResource(SessionService sessions, SessionLookup lookup, SessionStore store, SessionPages pages,
            SessionDocuments documents, ResultBranches results, CurrentCaller caller) {
        this.pages = pages;
        this.documents = documents;
        this.results = results;
        this.caller = caller;
        this.sessions = sessions;
        this.lookup = lookup;
        this.store = store;
    }

    /**
     * Unknown fields are refused ({@link StrictJson}); every bound is checked before anything is stored
     * ({@link SessionService#create}).
     */
    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @CustomDeserialization(StrictJson.class)
    @Operation(summary = "Start a session", description = "Plans the goal for the repository (under one of the"
            + " team's repo roots) and runs it step by step; every step must pass the checks. 201 with the session"
            + " and its Location; 400 names each invalid field, unknown fields included. The budget (tokens of every"
            + " model role, wall-clock seconds) is the kill switch: crossing it cancels the session with the reason.")
    @APIResponse(responseCode = "201", description = "The new session")
    @APIResponse(responseCode = "429", description = "The team has as many unfinished sessions as its"
            + " max-concurrent-sessions, used its max-tokens-per-day today, or sent more than its max-requests in the"
            + " request window; Retry-After says in how many seconds to try again.")
    public Response create(@RequestBody(required = true, content = @Content(mediaType = MediaType.APPLICATION_JSON,
            examples = @ExampleObject(name = "manual approval", value = CREATE_EXAMPLE))) CreateSessionRequest body,
            @Context UriInfo uri) {
        if (body == null) {
            throw ProblemException.invalid("Invalid session request",
                    List.of(new FieldViolation("body", "must be a JSON object with repo, goal and checks")));
        }
        List<Check> checks = body.checks() == null ? null : body.checks().stream()
                .map(c -> c == null ? null : c.toCheck()).toList();
        Session session = sessions.create(caller.get().team(), body.repo(), body.goal(), checks, body.guardrails(),
                body.maxTurns(), body.approval(), new SessionService.Options(body.budget(), body.variants(),
                        body.select(), body.resume(), body.cleanup(), body.rounds()));
        URI location = uri.getBaseUriBuilder().path("api/v1/sessions").path(session.id()).build();
        return Response.created(location).entity(SessionView.of(session, List.of(), 0, Links.base(uri))).build();
    }

    /**
     * Most recent first; {@code status} and {@code repo} filter, {@code cursor} is the page before's last id. The
     * caller's team's sessions only; every team's for an admin.
     */
    @GET
    @Operation(summary = "List sessions", description = "Most recent first, a page at a time; the caller's team's"
            + " sessions (every team's for an admin).")
    public SessionPages.Page list(@QueryParam("status") String status, @QueryParam("repo") String repo,
            @QueryParam("cursor") String cursor, @QueryParam("limit") String limit) {
        Caller c = caller.get();
        return pages.page(status, repo, cursor, limit, c.admin() ? null : c.team());
    }

    @GET
    @Path("{id}")
    @Operation(summary = "Read a session", description = "Status, plan, each step's attempts with queue, model and"
            + " verify timings and token usage, the directives, and links.")
    public SessionView get(
            @Parameter(description = SessionLookup.ID, example = SessionLookup.ID_EXAMPLE) @PathParam("id") String id,
            @Context UriInfo uri) {
        Session session = lookup.require(id);
        return SessionView.of(session, store.plan(id), store.patchCount(id), Links.base(uri));
    }

    @GET
    @Path("{id}/files/{name}")
    @Produces("text/markdown")
    @Operation(summary = "Read one of the four files", description = "AGENTS.md, PLAN.md, PROGRESS.md or"
            + " VERIFY.md of the session, as Markdown.")
    public String file(
            @Parameter(description = SessionLookup.ID, example = SessionLookup.ID_EXAMPLE) @PathParam("id") String id,
            @Parameter(description = "The file", example = "PROGRESS.md") @PathParam("name") String name) {
        return documents.render(lookup.require(id), name).orElseThrow(() -> ProblemException.notFound(
                "no file " + QueryParams.echo(name) + "; a session has " + String.join(", ", SessionFiles.NAMES)));
    }

    /**
     * The result branch {@code ratchet/<id>} as a {@code git format-patch} series, or one step's commit
     * ({@code ?step=}); 409 before the session completed, 404 for a step with no commit.
     */
    @GET
    @Path("{id}/patch")
    @Produces("application/mbox")
    @Operation(summary = "Fetch the result as patches", description = "The result branch ratchet/<id> as a git"
            + " format-patch series (git am applies it), or one step's commit with ?step=; 409 before the session"
            + " completed.")
    public String patch(
            @Parameter(description = SessionLookup.ID, example = SessionLookup.ID_EXAMPLE) @PathParam("id") String id,
            @Parameter(description = "One step's commit only", example = "s1") @QueryParam("step") String step) {
        return results.series(lookup.require(id), step == null || step.isEmpty() ? null : step)
                .orElseThrow(() -> ProblemException.notFound("the result branch has no commit for step "
                        + QueryParams.echo(String.valueOf(step))));
    }

}

package dev.ratchet.planner.session.api;

import java.net.URI;
import java.util.List;
import java.util.Optional;

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

import dev.ratchet.core.auth.Caller;
import dev.ratchet.core.event.Check;
import dev.ratchet.core.files.SessionFiles;
import dev.ratchet.core.session.FieldViolation;
import dev.ratchet.core.session.Progress;
import dev.ratchet.core.session.RepoLocation;
import dev.ratchet.core.session.Session;
import dev.ratchet.planner.session.flow.SessionService;
import dev.ratchet.planner.session.store.SessionStore;
import dev.ratchet.runtime.auth.CurrentCaller;
import dev.ratchet.runtime.model.ModelsConfig;
import dev.ratchet.runtime.redis.ProgressLog;
import dev.ratchet.runtime.rest.Links;
import dev.ratchet.runtime.rest.ProblemException;
import dev.ratchet.runtime.rest.QueryParams;
import dev.ratchet.runtime.rest.StrictJson;
import dev.ratchet.workspace.Git;

import io.quarkus.resteasy.reactive.jackson.CustomDeserialization;

/**
 * The platform API for engineering teams: start a session, follow it, read its four files. Its live progress is
 * {@link SessionEventsResource}.
 */
@Path("/api/v1/sessions")
@Produces(MediaType.APPLICATION_JSON)
public class SessionResource {

    private static final int MAX_LIST = 500;

    private final SessionService sessions;
    private final SessionLookup lookup;
    private final SessionStore store;
    private final ProgressLog progress;
    private final ModelsConfig models;
    private final CurrentCaller caller;

    SessionResource(SessionService sessions, SessionLookup lookup, SessionStore store, ProgressLog progress,
            ModelsConfig models, CurrentCaller caller) {
        this.sessions = sessions;
        this.lookup = lookup;
        this.store = store;
        this.progress = progress;
        this.models = models;
        this.caller = caller;
    }

    /**
     * Unknown fields are refused ({@link StrictJson}); every bound is checked before anything is stored
     * ({@link SessionService#create}).
     */
    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @CustomDeserialization(StrictJson.class)
    public Response create(CreateSessionRequest body, @Context UriInfo uri) {
        if (body == null) {
            throw ProblemException.invalid("Invalid session request",
                    List.of(new FieldViolation("body", "must be a JSON object with repo, goal and checks")));
        }
        List<Check> checks = body.checks() == null ? null : body.checks().stream()
                .map(c -> c == null ? null : c.toCheck()).toList();
        Session session = sessions.create(caller.get().team(), body.repo(), body.goal(), checks, body.guardrails(),
                body.maxTurns());
        URI location = uri.getBaseUriBuilder().path("api/v1/sessions").path(session.id()).build();
        return Response.created(location).entity(SessionView.of(session, List.of(), 0, Links.base(uri))).build();
    }

    /** The caller's team's sessions; every team's for an admin. */
    @GET
    public List<SessionSummary> list(@QueryParam("limit") String limit) {
        int max = QueryParams.intParam("limit", limit, 20, 1, MAX_LIST);
        Caller c = caller.get();
        return (c.admin() ? store.recentIds(max) : store.recentIds(c.team(), max)).stream().map(store::find)
                .flatMap(Optional::stream)
                .map(s -> new SessionSummary(s.id(), s.status().name(), s.goal(), s.createdAt(), s.verifiedSteps(),
                        s.steps().size()))
                .toList();
    }

    @GET
    @Path("{id}")
    public SessionView get(@PathParam("id") String id, @Context UriInfo uri) {
        Session session = lookup.require(id);
        return SessionView.of(session, store.plan(id), store.patchCount(id), Links.base(uri));
    }

    @GET
    @Path("{id}/files/{name}")
    @Produces("text/markdown")
    public String file(@PathParam("id") String id, @PathParam("name") String name) {
        Session session = lookup.require(id);
        SessionFiles.Agents agents = new SessionFiles.Agents(models.planner().model(), models.executor().model(),
                RepoLocation.parse(session.repo()).flatMap(p -> Git.show(p, session.baseCommit(), "AGENTS.md"))
                        .orElse(null));
        List<Progress> log = progress.all(id).stream().map(ProgressLog.Entry::progress).toList();
        return SessionFiles.render(name, session, log, agents).orElseThrow(() -> ProblemException.notFound(
                "no file " + QueryParams.echo(name) + "; a session has " + String.join(", ", SessionFiles.NAMES)));
    }

}

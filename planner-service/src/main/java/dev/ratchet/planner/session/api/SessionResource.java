package dev.ratchet.planner.session.api;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DefaultValue;
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

import dev.ratchet.core.event.Check;
import dev.ratchet.core.files.SessionFiles;
import dev.ratchet.core.session.FieldViolation;
import dev.ratchet.core.session.RepoLocation;
import dev.ratchet.core.session.Session;
import dev.ratchet.planner.session.flow.SessionService;
import dev.ratchet.planner.session.store.SessionStore;
import dev.ratchet.runtime.model.ModelsConfig;
import dev.ratchet.runtime.redis.ProgressLog;
import dev.ratchet.runtime.rest.Links;
import dev.ratchet.runtime.rest.ProblemException;
import dev.ratchet.workspace.Git;

/** The platform API for engineering teams: start a session, follow it, read its four files. */
@Path("/api/v1/sessions")
@Produces(MediaType.APPLICATION_JSON)
public class SessionResource {

    static final int DEFAULT_CHECK_TIMEOUT_SECONDS = 300;
    private static final long MAX_WAIT_MS = 25_000;

    private final SessionService sessions;
    private final SessionStore store;
    private final ProgressLog progress;
    private final ModelsConfig models;

    SessionResource(SessionService sessions, SessionStore store, ProgressLog progress, ModelsConfig models) {
        this.sessions = sessions;
        this.store = store;
        this.progress = progress;
        this.models = models;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    public Response create(CreateSessionRequest body, @Context UriInfo uri) {
        if (body == null) {
            throw ProblemException.invalid("Invalid session request",
                    List.of(new FieldViolation("body", "must be a JSON object with repo, goal and checks")));
        }
        List<Check> checks = body.checks() == null ? null : body.checks().stream()
                .map(c -> c == null ? null : new Check(c.name(), c.command(),
                        c.timeoutSeconds() == null ? DEFAULT_CHECK_TIMEOUT_SECONDS : c.timeoutSeconds()))
                .toList();
        Session session = sessions.create(body.repo(), body.goal(), checks);
        URI location = uri.getBaseUriBuilder().path("api/v1/sessions").path(session.id()).build();
        return Response.created(location).entity(SessionView.of(session, List.of(), 0, Links.base(uri))).build();
    }

    @GET
    public List<SessionSummary> list(@QueryParam("limit") @DefaultValue("20") int limit) {
        return store.recentIds(Math.max(1, Math.min(limit, 500))).stream().map(store::find)
                .flatMap(Optional::stream)
                .map(s -> new SessionSummary(s.id(), s.status().name(), s.goal(), s.createdAt(), s.verifiedSteps(),
                        s.steps().size()))
                .toList();
    }

    @GET
    @Path("{id}")
    public SessionView get(@PathParam("id") String id, @Context UriInfo uri) {
        Session session = find(id);
        return SessionView.of(session, store.plan(id), store.patchCount(id), Links.base(uri));
    }

    @GET
    @Path("{id}/files/{name}")
    @Produces("text/markdown")
    public String file(@PathParam("id") String id, @PathParam("name") String name) {
        Session session = find(id);
        SessionFiles.Agents agents = new SessionFiles.Agents(models.planner().model(), models.executor().model(),
                RepoLocation.parse(session.repo()).flatMap(p -> Git.show(p, session.baseCommit(), "AGENTS.md"))
                        .orElse(null));
        List<dev.ratchet.core.session.Progress> log = progress.all(id).stream().map(ProgressLog.Entry::progress)
                .toList();
        return SessionFiles.render(name, session, log, agents).orElseThrow(() -> ProblemException.notFound(
                "no file " + name + "; a session has " + String.join(", ", SessionFiles.NAMES)));
    }

    /** Long-polls the progress log: waits up to {@code waitMs} for entries after {@code after}. */
    @GET
    @Path("{id}/progress")
    public ProgressView progress(@PathParam("id") String id, @QueryParam("after") @DefaultValue("0-0") String after,
            @QueryParam("waitMs") @DefaultValue("0") long waitMs) {
        find(id);
        if (!after.matches("\\d+-\\d+")) {
            throw ProblemException.invalid("Invalid progress query",
                    List.of(new FieldViolation("after", "must be a stream id like 0-0 or the 'next' of a page")));
        }
        Duration wait = Duration.ofMillis(Math.max(0, Math.min(waitMs, MAX_WAIT_MS)));
        List<ProgressLog.Entry> entries = progress.after(id, after, wait);
        String next = entries.isEmpty() ? after : entries.get(entries.size() - 1).id();
        boolean terminal = entries.stream().anyMatch(e -> e.progress().terminal())
                || (entries.isEmpty() && find(id).status().terminal());
        return new ProgressView(entries.stream().map(e -> ProgressView.Entry.of(e.id(), e.progress())).toList(),
                next, terminal);
    }

    private Session find(String id) {
        return store.find(id).orElseThrow(() -> ProblemException.notFound("no session " + id));
    }

}

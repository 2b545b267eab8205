package dev.ratchet.skills.api;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.UriInfo;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import dev.ratchet.core.auth.Caller;
import dev.ratchet.core.auth.Teams;
import dev.ratchet.core.session.FieldViolation;
import dev.ratchet.core.skill.trust.SkillStatus;
import dev.ratchet.runtime.auth.CurrentCaller;
import dev.ratchet.runtime.rest.Links;
import dev.ratchet.runtime.rest.ProblemException;
import dev.ratchet.runtime.rest.QueryParams;
import dev.ratchet.runtime.rest.StrictJson;
import dev.ratchet.skills.search.SkillMatcher;
import dev.ratchet.skills.search.SkillSearch;
import io.quarkus.resteasy.reactive.jackson.CustomDeserialization;

/**
 * {@code GET /api/v1/skills/search?q=}: skills ranked for a person's query, with scores and why.
 * {@code POST /api/v1/skills/search} with a goal: the planner's question, which skills could plan it here, with
 * the plan each would give (the contract in docs/ARCHITECTURE.md, "Skills").
 */
@Path("/api/v1/skills/search")
@Tag(name = "Search", description = "Find skills for a query or a planner's goal")
@Produces(MediaType.APPLICATION_JSON)
public class SearchResource {

    private static final int MAX_QUERY_CHARS = 2000;
    private static final String MATCH_EXAMPLE = """
            {"goal": "Reject malformed JSON bodies with a 400 naming the field", "repo": "/path/to/repo",
             "files": ["app/api.py", "tests/test_api.py"], "limit": 3, "team": "payments"}""";
    private static final int MAX_GOAL_CHARS = 8000;
    private static final int MAX_FILES = 10_000;
    private static final int MAX_LIMIT = 50;

    private final SkillSearch search;
    private final SkillMatcher matcher;
    private final CurrentCaller caller;

    SearchResource(SkillSearch search, SkillMatcher matcher, CurrentCaller caller) {
        this.search = search;
        this.matcher = matcher;
        this.caller = caller;
    }

    /** One hit: the skill, its scores (0..1) and why. */
    public record Hit(String name, int version, SkillStatus status, double score, double keyword, Double semantic,
            List<String> matched, String why, Map<String, String> links) {
    }

    /** @param mode {@code hybrid} (keywords and embeddings) or {@code keyword} (embeddings switched off) */
    public record Hits(String query, String mode, List<Hit> hits) {
    }

    @GET
    @Operation(summary = "Search skills", description = "Skills ranked for a person's query (keywords, and"
            + " embeddings unless switched off), with scores from 0 to 1 and why each matched.")
    public Hits search(@Parameter(description = "The query, 1 to 2000 characters", required = true,
            example = "validate request bodies") @QueryParam("q") String q,
            @Parameter(description = "1 to 50; 10 when absent", example = "10") @QueryParam("limit") String limit,
            @Context UriInfo uri) {
        if (q == null || q.isBlank() || q.length() > MAX_QUERY_CHARS) {
            throw ProblemException.invalidParameter("q", "is required, 1 to " + MAX_QUERY_CHARS + " characters");
        }
        int max = QueryParams.intParam("limit", limit, 10, 1, MAX_LIMIT);
        String base = Links.base(uri);
        return new Hits(q, search.mode(), search.search(q, max, r -> caller.get().mayAccess(r.team())).stream().map(f -> new Hit(f.hit().name(),
                f.entry().record().latest(), f.entry().record().status(), f.hit().score(), f.hit().keyword(),
                f.hit().semantic(), f.hit().matched(), f.hit().why(), SkillViews.links(base, f.hit().name())))
                .toList());
    }

    /**
     * The planner's question.
     *
     * @param repo the repository (kept for the log and future use: the registry cannot read it)
     * @param files paths in the repository, to judge whether a plan's files are there (optional)
     * @param team the session's team, whose skills alone may plan it: an admin key's (the planner's) question names
     *        it; a member key asks for its own team's, and naming another is a 403 (optional)
     */
    public record MatchRequest(String goal, String repo, List<String> files, Integer limit, String team) {
    }

    /** @param matches best first; {@code autoApply} only on trusted skills */
    public record Matches(String goal, String mode, List<SkillMatcher.Match> matches) {
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @CustomDeserialization(StrictJson.class)
    @Operation(summary = "Match skills to a goal", description = "The planner's question: which skills could plan"
            + " this goal here, best first, with the plan each would give; autoApply only on trusted skills.")
    public Matches match(@RequestBody(required = true, content = @Content(mediaType = MediaType.APPLICATION_JSON,
            examples = @ExampleObject(name = "a goal", value = MATCH_EXAMPLE))) MatchRequest request) {
        List<FieldViolation> errors = new ArrayList<>();
        if (request == null || request.goal() == null || request.goal().isBlank()
                || request.goal().length() > MAX_GOAL_CHARS) {
            errors.add(new FieldViolation("goal", "is required, 1 to " + MAX_GOAL_CHARS + " characters"));
        }
        if (request != null && request.files() != null && (request.files().size() > MAX_FILES
                || request.files().stream().anyMatch(f -> f == null || f.isBlank()))) {
            errors.add(new FieldViolation("files", "at most " + MAX_FILES + " paths, none empty"));
        }
        if (request != null && request.limit() != null && (request.limit() < 1 || request.limit() > MAX_LIMIT)) {
            errors.add(new FieldViolation("limit", "must be from 1 to " + MAX_LIMIT));
        }
        if (request != null && request.team() != null) {
            // A team's name becomes a 403's detail: held to the key API's rule before it is echoed anywhere.
            Teams.violation(request.team()).ifPresent(v -> errors.add(new FieldViolation("team", v)));
        }
        if (!errors.isEmpty()) {
            throw ProblemException.invalid("Invalid match request", errors);
        }
        Caller c = caller.get();
        String team = request.team() == null ? c.team() : request.team();
        caller.requireAccess(team, "the skills of team " + team);
        return new Matches(request.goal(), search.mode(), matcher.match(request.goal(), request.files(),
                request.limit() == null ? 5 : request.limit(), r -> team.equals(r.team())));
    }
}

package dev.ratchet.skills.api;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.UriInfo;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import dev.ratchet.core.session.FieldViolation;
import dev.ratchet.core.skill.trust.ReplayOutcome;
import dev.ratchet.runtime.auth.CurrentCaller;
import dev.ratchet.runtime.rest.Links;
import dev.ratchet.runtime.rest.ProblemException;
import dev.ratchet.runtime.rest.StrictJson;
import dev.ratchet.skills.registry.SkillRegistry;
import dev.ratchet.skills.store.SkillRecord;
import dev.ratchet.skills.store.SkillStore;
import io.quarkus.resteasy.reactive.jackson.CustomDeserialization;

/**
 * What a planner reports after a session that replayed a skill: the outcome updates the statistics and the status
 * (trusted after K passes, degraded when the recent pass rate drops). Each session counts once; reporting it again
 * answers the same.
 */
@Path("/api/v1/skills/{name}/replays")
@Tag(name = "Skills")
@Produces(MediaType.APPLICATION_JSON)
public class ReplayResource {

    private static final int MAX_ID_CHARS = 128;
    private static final String REPLAY_EXAMPLE = """
            {"sessionId": "0f8e4c1a-6a4e-4b1e-9a57-3c2d1e0b7a10", "version": 2, "passed": true, "tokens": 18250,
             "wallMs": 41200}""";
    private static final int MAX_REASON_CHARS = 4096;

    private final SkillStore store;
    private final SkillRegistry registry;
    private final CurrentCaller caller;

    ReplayResource(SkillStore store, SkillRegistry registry, CurrentCaller caller) {
        this.store = store;
        this.registry = registry;
        this.caller = caller;
    }

    /**
     * A replay's outcome.
     *
     * @param version the skill version that was replayed
     * @param tokens model tokens the session used, in and out
     * @param wallMs the session's wall time
     * @param reason why it failed
     */
    public record Replay(String sessionId, Integer version, Boolean passed, Long tokens, Long wallMs, String reason) {
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @CustomDeserialization(StrictJson.class)
    @Operation(summary = "Report a replay", description = "The outcome of a session that replayed the skill;"
            + " updates its statistics and status (trusted after enough passes, degraded when the recent pass rate"
            + " drops). Each session counts once.")
    public SkillViews.Detail record(
            @Parameter(description = SkillLookup.NAME_PARAM, example = SkillLookup.NAME_PARAM_EXAMPLE)
            @PathParam("name") String name,
            @RequestBody(required = true, content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    examples = @ExampleObject(name = "a pass", value = REPLAY_EXAMPLE))) Replay replay,
            @Context UriInfo uri) {
        SkillRecord skill = SkillLookup.find(store, name, caller);
        List<FieldViolation> errors = new ArrayList<>();
        if (replay == null) {
            throw ProblemException.invalid("Invalid replay", List.of(new FieldViolation("body", "is required")));
        }
        if (replay.sessionId() == null || replay.sessionId().isBlank() || replay.sessionId().length() > MAX_ID_CHARS) {
            errors.add(new FieldViolation("sessionId", "is required, 1 to " + MAX_ID_CHARS + " characters"));
        }
        if (replay.version() == null || replay.version() < 1 || replay.version() > skill.latest()) {
            errors.add(new FieldViolation("version", "must be a version of " + name + ": 1 to " + skill.latest()));
        }
        if (replay.passed() == null) {
            errors.add(new FieldViolation("passed", "is required: true when every step was verified"));
        }
        if (replay.tokens() == null || replay.tokens() < 0) {
            errors.add(new FieldViolation("tokens", "is required, 0 or more"));
        }
        if (replay.wallMs() == null || replay.wallMs() < 0) {
            errors.add(new FieldViolation("wallMs", "is required, 0 or more"));
        }
        if (replay.reason() != null && replay.reason().length() > MAX_REASON_CHARS) {
            errors.add(new FieldViolation("reason", "must be at most " + MAX_REASON_CHARS + " characters"));
        }
        if (!errors.isEmpty()) {
            throw ProblemException.invalid("Invalid replay", errors);
        }
        registry.recordReplay(name, new ReplayOutcome(replay.sessionId(), replay.version(), replay.passed(),
                replay.tokens(), replay.wallMs(), replay.reason(), Instant.now()));
        return SkillLookup.detail(store, name, Links.base(uri), caller);
    }
}

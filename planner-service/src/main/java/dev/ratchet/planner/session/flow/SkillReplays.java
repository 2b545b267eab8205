package dev.ratchet.planner.session.flow;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.jboss.logging.Logger;

import com.fasterxml.jackson.databind.JsonNode;

import dev.ratchet.core.json.Json;
import dev.ratchet.core.plan.PlanChecks;
import dev.ratchet.core.plan.PlanScope;
import dev.ratchet.core.plan.PlanStep;
import dev.ratchet.core.session.Session;
import dev.ratchet.core.skill.replay.ReplayChoice;
import dev.ratchet.planner.session.store.SessionStore;
import dev.ratchet.planner.skills.BoundedBody;

/**
 * Asks the skills registry which skills could plan a session's goal ({@code POST /api/v1/skills/search}, the
 * contract in docs/ARCHITECTURE.md, "Skills") and lets core {@link ReplayChoice} decide between the best match and
 * the planner model. Any failure (switched off, unreachable, slow, an error status, an answer too large or not the
 * contract's) is an answer too: ask the model. A registry outage costs a session at most
 * {@code ratchet.planner.skills.timeout} and never fails it.
 */
@ApplicationScoped
public class SkillReplays {

    private static final Logger LOG = Logger.getLogger(SkillReplays.class);

    /** Five matches with plans of up to 20 steps of 8000 characters each fit with room to spare. */
    static final int MAX_ANSWER_BYTES = 4 * 1024 * 1024;
    /** The registry refuses more paths than this; a larger repository is matched without its files. */
    static final int MAX_FILES = 10_000;
    private static final int LIMIT = 5;

    private final PlannerConfig config;
    private final HttpClient http;
    private final Function<String, Optional<String>> teamOf;

    @Inject
    SkillReplays(PlannerConfig config, SessionStore sessions) {
        this(config, id -> sessions.findOwned(id).map(SessionStore.Owned::team));
    }

    /** @param teamOf a session's team by its id, as stored with it */
    SkillReplays(PlannerConfig config, Function<String, Optional<String>> teamOf) {
        this.config = config;
        this.teamOf = teamOf;
        this.http = HttpClient.newBuilder().connectTimeout(config.skills().timeout()).build();
    }

    /** @param files the repository's paths at the base commit */
    public ReplayChoice.Decision decide(Session session, List<String> files) {
        PlannerConfig.Skills skills = config.skills();
        if (!skills.enabled()) {
            return new ReplayChoice.AskModel("skill replay is switched off (ratchet.planner.skills.enabled)");
        }
        URI search = skills.url().resolve("/api/v1/skills/search");
        try {
            return ReplayChoice.choose(candidates(ask(search, session, files)), skills.minScore(),
                    config.maxSteps());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while asking the skills registry", e);
        } catch (IOException | TimeoutException | ExecutionException | RuntimeException e) {
            String reason = "the skills registry at " + search + " gave no usable answer: "
                    + (e instanceof TimeoutException ? "none within " + skills.timeout() : message(e));
            LOG.warnf("session %s: %s; the planner model plans it", session.id(), reason);
            return new ReplayChoice.AskModel(reason);
        }
    }

    private JsonNode ask(URI search, Session session, List<String> files)
            throws IOException, InterruptedException, TimeoutException, ExecutionException {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("goal", session.goal());
        body.put("repo", session.repo());
        if (files.size() <= MAX_FILES) {
            body.put("files", files);
        }
        body.put("limit", LIMIT);
        // Only the session's team's skills may plan it (the registry filters by this team for an admin key, and
        // refuses another team's for a member key); a session with no stored team asks for none.
        body.put("team", teamOf.apply(session.id()).orElse(""));
        HttpRequest.Builder request = HttpRequest.newBuilder(search).timeout(config.skills().timeout())
                .header("Content-Type", "application/json").header("Accept", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(Json.write(body)));
        // Read at every question, so that a rotated key (a Secret's file replaced) is used from the next one on.
        if (config.skills().apiKeyFile().isPresent()) {
            request.header("Authorization", "Bearer " + Files.readString(config.skills().apiKeyFile().get()).strip());
        }
        CompletableFuture<HttpResponse<byte[]>> answer = http.sendAsync(request.build(), info -> new BoundedBody(MAX_ANSWER_BYTES));
        HttpResponse<byte[]> response;
        try {
            // The whole exchange, body included, within the timeout: a registry that stalls mid-answer is away.
            response = answer.get(config.skills().timeout().toMillis(), TimeUnit.MILLISECONDS);
        } finally {
            answer.cancel(true);
        }
        if (response.statusCode() != 200) {
            throw new IOException("HTTP " + response.statusCode());
        }
        return Json.mapper().readTree(response.body());
    }

    /** The matches as core reads them; a malformed entry is skipped, and a non-object answer is an error. */
    static List<ReplayChoice.Candidate> candidates(JsonNode answer) throws IOException {
        JsonNode matches = answer.path("matches");
        if (!matches.isArray()) {
            throw new IOException("the answer has no \"matches\" array");
        }
        List<ReplayChoice.Candidate> candidates = new ArrayList<>();
        for (JsonNode m : matches) {
            if (!m.path("name").isTextual() || !m.path("version").canConvertToInt() || !m.path("score").isNumber()) {
                continue;
            }
            List<PlanStep> steps = new ArrayList<>();
            for (JsonNode s : m.path("steps")) {
                steps.add(new PlanStep(s.path("id").asText(""), s.path("title").isTextual() ? s.path("title").asText()
                        : null, s.path("instructions").isTextual() ? s.path("instructions").asText() : null, null,
                        scope(s)));
            }
            candidates.add(new ReplayChoice.Candidate(m.path("name").asText(), m.path("version").asInt(),
                    m.path("status").asText("unknown"), m.path("autoApply").asBoolean(false),
                    m.path("score").asDouble(), steps));
        }
        return candidates;
    }

    /**
     * A step's optional structured fields (core {@code PlanScope}); a field of the wrong shape is left out, and what
     * is read is checked against the session before any replay ({@code ReplayChecks}).
     */
    private static PlanScope scope(JsonNode step) {
        return new PlanScope(strings(step.path("files")), strings(step.path("newFiles")),
                strings(step.path("checks")), integer(step.path("estimatedTokens")),
                integer(step.path("maxChangedLines")));
    }

    private static List<String> strings(JsonNode list) {
        List<String> values = new ArrayList<>();
        for (JsonNode v : list) {
            if (v.isTextual() && values.size() < PlanChecks.MAX_PATHS) {
                values.add(v.asText());
            }
        }
        return values;
    }

    private static Integer integer(JsonNode number) {
        return number.isIntegralNumber() && number.canConvertToInt() ? number.asInt() : null;
    }

    private static String message(Throwable e) {
        Throwable cause = e instanceof ExecutionException && e.getCause() != null ? e.getCause() : e;
        return cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage();
    }
}

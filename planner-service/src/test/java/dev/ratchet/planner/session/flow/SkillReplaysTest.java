package dev.ratchet.planner.session.flow;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import dev.ratchet.core.event.Check;
import dev.ratchet.core.json.Json;
import dev.ratchet.core.plan.PlanScope;
import dev.ratchet.core.plan.PlanStep;
import dev.ratchet.core.session.Session;
import dev.ratchet.core.session.StepPolicy;
import dev.ratchet.core.skill.replay.ReplayChoice;
import dev.ratchet.core.skill.replay.SkillRef;

/**
 * The planner's question to the registry over real HTTP (a JDK server answering as the registry would, or failing
 * as it might): a trusted match is replayed, and every failure is an answer to ask the model.
 */
class SkillReplaysTest {

    static final Session SESSION = Session.created("7c9e6679-7425-40de-944b-e07fc1f90ae7", "/srv/textstats",
            "Add word statistics", "abc1234", List.of(new Check("unit", "pytest", 60)), StepPolicy.DEFAULTS,
            Instant.parse("2025-03-01T09:00:00Z"));
    static final String TRUSTED = """
            {"goal": "Add word statistics", "mode": "hybrid", "matches": [{"name": "add-word-statistics",
             "version": 2, "status": "trusted", "autoApply": true, "score": 0.95,
             "steps": [{"id": "s1", "title": "Add word_count", "instructions": "In textstats.py add it."}]}]}
            """;

    /** The session's team as the store would give it. */
    static final Function<String, Optional<String>> TEAM_OF = id -> Optional.of("payments");

    HttpServer server;
    final AtomicReference<String> asked = new AtomicReference<>();
    final CountDownLatch release = new CountDownLatch(1);

    @AfterEach
    void stop() {
        release.countDown();
        if (server != null) {
            server.stop(0);
        }
    }

    SkillReplays replays(boolean enabled, URI url) {
        return new SkillReplays(new Config(enabled, url, 0.8, Duration.ofMillis(500)), TEAM_OF);
    }

    /** With time enough to send 4 MiB on a loaded machine, so that the size, not the timeout, stops it. */
    SkillReplays patient(URI url) {
        return new SkillReplays(new Config(true, url, 0.8, Duration.ofSeconds(60)), TEAM_OF);
    }

    URI serve(int status, String body) throws IOException {
        return serve(exchange -> answer(exchange, status, body.getBytes(StandardCharsets.UTF_8)));
    }

    interface Handler {
        void handle(HttpExchange exchange) throws IOException, InterruptedException;
    }

    URI serve(Handler handler) throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 16);
        server.createContext("/api/v1/skills/search", exchange -> {
            try (exchange) {
                asked.set(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
                handler.handle(exchange);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        server.setExecutor(java.util.concurrent.Executors.newCachedThreadPool());
        server.start();
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    static void answer(HttpExchange exchange, int status, byte[] body) throws IOException {
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, body.length);
        exchange.getResponseBody().write(body);
    }

    @Test
    void aTrustedMatchIsReplayedAndTheQuestionCarriesGoalRepoAndFiles() throws Exception {
        URI url = serve(200, TRUSTED);

        ReplayChoice.Decision d = replays(true, url).decide(SESSION, List.of("textstats.py", "tests/test_x.py"));

        assertThat(d).isEqualTo(new ReplayChoice.Replay(new SkillRef("add-word-statistics", 2), 0.95,
                List.of(new PlanStep("s1", "Add word_count", "In textstats.py add it."))));
        assertThat(Json.read(asked.get(), java.util.Map.class)).isEqualTo(java.util.Map.of("goal",
                "Add word statistics", "repo", "/srv/textstats", "files", List.of("textstats.py", "tests/test_x.py"),
                "limit", 5, "team", "payments"));
    }

    @Test
    void aStepsStructuredFieldsAreReadSoTheyCanBeCheckedAgainstTheSession() throws Exception {
        URI url = serve(200, TRUSTED.replace("\"instructions\": \"In textstats.py add it.\"}", "\"instructions\": "
                + "\"In textstats.py add it.\", \"files\": [\"textstats.py\", 7], \"newFiles\": [\"cli.py\"], "
                + "\"checks\": [\"unit\"], \"estimatedTokens\": 2400, \"maxChangedLines\": \"sixty\"}"));

        ReplayChoice.Decision d = replays(true, url).decide(SESSION, List.of("textstats.py"));

        assertThat(((ReplayChoice.Replay) d).plan()).containsExactly(new PlanStep("s1", "Add word_count",
                "In textstats.py add it.", null, new PlanScope(List.of("textstats.py"), List.of("cli.py"),
                        List.of("unit"), 2400, null)));
    }

    @Test
    void theQuestionCarriesTheKeyFromTheKeyFileReadAtEveryQuestion(@TempDir Path dir) throws Exception {
        AtomicReference<String> authorization = new AtomicReference<>();
        URI url = serve(exchange -> {
            authorization.set(exchange.getRequestHeaders().getFirst("Authorization"));
            answer(exchange, 200, TRUSTED.getBytes(StandardCharsets.UTF_8));
        });
        Path keyFile = Files.writeString(dir.resolve("api-key"), "rk_first\n");
        SkillReplays replays = new SkillReplays(new Config(true, url, 0.8, Duration.ofMillis(500), keyFile), TEAM_OF);

        replays.decide(SESSION, List.of());
        assertThat(authorization.get()).isEqualTo("Bearer rk_first");
        Files.writeString(keyFile, "rk_rotated");
        replays.decide(SESSION, List.of());
        assertThat(authorization.get()).isEqualTo("Bearer rk_rotated");
    }

    @Test
    void switchedOffAsksNobody() throws Exception {
        URI url = serve(200, TRUSTED);

        assertThat(replays(false, url).decide(SESSION, List.of())).isEqualTo(new ReplayChoice.AskModel(
                "skill replay is switched off (ratchet.planner.skills.enabled)"));
        assertThat(asked.get()).isNull();
    }

    @Test
    void everyFailureOfTheRegistryMeansTheModelPlans() throws Exception {
        URI refused = URI.create("http://127.0.0.1:1");
        assertThat(reason(replays(true, refused))).startsWith("the skills registry at http://127.0.0.1:1/api/v1/"
                + "skills/search gave no usable answer: ");

        URI error = serve(503, "{\"title\": \"down\"}");
        assertThat(reason(replays(true, error))).endsWith("gave no usable answer: HTTP 503");
        server.stop(0);

        URI notTheContract = serve(200, "[1, 2]");
        assertThat(reason(replays(true, notTheContract))).endsWith("the answer has no \"matches\" array");
        server.stop(0);

        URI huge = serve(200, "{\"matches\": [], \"pad\": \"" + "x".repeat(SkillReplays.MAX_ANSWER_BYTES) + "\"}");
        assertThat(reason(patient(huge))).endsWith("the answer is over " + SkillReplays.MAX_ANSWER_BYTES
                + " bytes");
    }

    @Test
    void aRegistryThatStallsMidAnswerIsGivenUpAtTheTimeout() throws Exception {
        URI stalled = serve(exchange -> {
            exchange.sendResponseHeaders(200, 0);
            OutputStream out = exchange.getResponseBody();
            out.write("{\"matches\": [".getBytes(StandardCharsets.UTF_8));
            out.flush();
            release.await();
        });

        assertThat(reason(replays(true, stalled))).endsWith("gave no usable answer: none within PT0.5S");
    }

    @Test
    void malformedMatchesAreSkipped() throws Exception {
        URI url = serve(200, """
                {"matches": [{"name": 7, "version": 1, "score": 0.99}, {"name": "x", "version": "one", "score": 1},
                 {"name": "ok-skill", "version": 1, "status": "candidate", "autoApply": false, "score": 0.9,
                  "steps": [{"title": "t"}]}]}
                """);

        assertThat(replays(true, url).decide(SESSION, List.of())).isEqualTo(new ReplayChoice.AskModel(
                "the best match ok-skill@1 is candidate, not trusted"));
    }

    static String reason(SkillReplays replays) {
        ReplayChoice.Decision d = replays.decide(SESSION, List.of());
        assertThat(d).isInstanceOf(ReplayChoice.AskModel.class);
        return ((ReplayChoice.AskModel) d).reason();
    }

    record Config(boolean enabled, URI url, double minScore, Duration timeout, Path apiKeyFile)
            implements PlannerConfig {

        Config(boolean enabled, URI url, double minScore, Duration timeout) {
            this(enabled, url, minScore, timeout, null);
        }

        @Override
        public int maxAttempts() {
            return 3;
        }

        @Override
        public int replans() {
            return 1;
        }

        @Override
        public boolean structuredOutput() {
            return true;
        }

        @Override
        public int planRounds() {
            return 2;
        }

        @Override
        public int maxSteps() {
            return 20;
        }

        @Override
        public int stepContextTokens() {
            return 8000;
        }

        @Override
        public int planningContextTokens() {
            return 16000;
        }

        @Override
        public int planningThreads() {
            return 1;
        }

        @Override
        public Reaper reaper() {
            return null;
        }

        @Override
        public Skills skills() {
            Config c = this;
            return new Skills() {
                @Override
                public boolean enabled() {
                    return c.enabled;
                }

                @Override
                public URI url() {
                    return c.url;
                }

                @Override
                public double minScore() {
                    return c.minScore;
                }

                @Override
                public Duration timeout() {
                    return c.timeout;
                }

                @Override
                public Optional<Path> apiKeyFile() {
                    return Optional.ofNullable(c.apiKeyFile);
                }
            };
        }
    }
}

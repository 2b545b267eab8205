package dev.ratchet.local;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;

import dev.ratchet.workspace.Git;
import dev.ratchet.workspace.ProcessRunner;

/**
 * The demo session: a copy of the sample project {@code examples/textstats} (its check is its real unittest suite),
 * a three-step goal, and a live view of the session's progress until it ends.
 */
public final class Demo {

    public static final String SAMPLE = "textstats";
    public static final String GOAL = "Add word statistics to textstats: word_count, top_words and a command-line "
            + "entry point";
    public static final String CHECK_COMMAND = "python3 -m unittest discover -s tests -t .";
    private static final Duration TIMEOUT = Duration.ofMinutes(5);

    /**
     * How the session ended. {@code repo} is the demo's copy of the sample project; {@code summary} the one line
     * that says what happened. A scenario that cannot run here is {@code SKIPPED}, with no session.
     */
    public record Result(String sessionId, String status, int verifiedSteps, int steps, Path repo, JsonNode session,
            String summary) {

        public static final String SKIPPED = "SKIPPED";

        /** The demo's ending, as it has always read. */
        static Result of(String id, JsonNode session, Path repo) {
            String status = session.path("status").asText();
            int verified = session.path("verifiedSteps").asInt();
            int steps = session.path("steps").size();
            return new Result(id, status, verified, steps, repo, session,
                    "session " + id + " " + status + ": " + verified + "/" + steps + " steps verified");
        }

        static Result skipped(String scenario, String why) {
            return new Result(null, SKIPPED, 0, 0, null, null, "scenario " + scenario + " " + SKIPPED + ": " + why);
        }
    }

    private Demo() {
    }

    public static Result run(LocalLayout layout, ApiEndpoint planner, Consumer<String> out) {
        Result result = session(layout, planner, GOAL, out);
        out.accept(result.summary());
        return result;
    }

    /** One session on a fresh copy of the sample project, followed live; everything but the summary line. */
    static Result session(LocalLayout layout, ApiEndpoint planner, String goal, Consumer<String> out) {
        requirePython();
        Path repo = prepareRepository(layout);
        out.accept("sample repository: " + repo + " (a copy of examples/" + SAMPLE + ")");
        PlatformClient api = new PlatformClient(planner);
        JsonNode created = api.createSession(sessionRequest(repo, goal));
        String id = created.path("id").asText();
        out.accept("session " + id + " submitted to " + planner.url());
        follow(api, id, out);
        JsonNode session = api.session(id);
        out.accept("");
        out.accept(api.file(id, "PLAN.md").strip());
        out.accept("");
        out.accept(api.file(id, "VERIFY.md").strip());
        out.accept("");
        Timings.table(session).forEach(out);
        out.accept("");
        return Result.of(id, session, repo);
    }

    /** Prints each progress event as it comes (Server-Sent Events), resuming after the last one if cut off. */
    static void follow(PlatformClient api, String id, Consumer<String> out) {
        follow(api, id, out, event -> { });
    }

    /** As {@link #follow(PlatformClient, String, Consumer)}, handing each event to {@code onEvent} once printed. */
    static void follow(PlatformClient api, String id, Consumer<String> out, Consumer<PlatformClient.Event> onEvent) {
        long start = System.nanoTime();
        boolean ended = SessionFollow.follow(api, id, TIMEOUT, event -> {
            out.accept(String.format(Locale.ROOT, "  %7.3fs  %s", (System.nanoTime() - start) / 1e9,
                    event.data().path("message").asText()));
            onEvent.accept(event);
        });
        if (!ended) {
            throw new IllegalStateException("session " + id + " did not finish within " + TIMEOUT);
        }
    }

    /** The demo's session request on {@code repo}: its goal and its one check, the sample's unittest suite. */
    public static Map<String, Object> sessionRequest(Path repo) {
        return sessionRequest(repo, GOAL);
    }

    static Map<String, Object> sessionRequest(Path repo, String goal) {
        return Map.of("repo", repo.toString(), "goal", goal, "checks",
                List.of(Map.of("name", "unit-tests", "command", CHECK_COMMAND, "timeoutSeconds", 60)));
    }

    /** The sample's check runs python3; without it every session would fail at its first check. */
    public static void requirePython() {
        ProcessRunner.Result python;
        try {
            python = ProcessRunner.run(List.of("python3", "--version"), Path.of("."), Duration.ofSeconds(20), null,
                    4096);
        } catch (UncheckedIOException e) {
            python = null;
        }
        if (python == null || !python.ok()) {
            throw new IllegalStateException("the demo's sample project is tested with python3, which is not on "
                    + "PATH");
        }
    }

    static Path prepareRepository(LocalLayout layout) {
        try {
            return prepareRepository(layout, Files.createTempDirectory("ratchet-demo-").resolve(SAMPLE));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot prepare the sample repository", e);
        }
    }

    /** A copy of the sample project in {@code target} (created), committed as a repository of its own. */
    public static Path prepareRepository(LocalLayout layout, Path target) {
        copySample(layout, SAMPLE, target);
        commit(target, "textstats: the Ratchet demo's sample project");
        return target;
    }

    /** A copy of {@code examples/<sample>} in {@code target} (created), without Python's caches. */
    static Path copySample(LocalLayout layout, String sample, Path target) {
        Path source = layout.examples().resolve(sample);
        try {
            try (Stream<Path> files = Files.walk(source)) {
                for (Path file : files.filter(f -> !f.toString().contains("__pycache__")).toList()) {
                    Path to = target.resolve(source.relativize(file).toString());
                    if (Files.isDirectory(file)) {
                        Files.createDirectories(to);
                    } else {
                        Files.copy(file, to, StandardCopyOption.REPLACE_EXISTING);
                    }
                }
            }
            return target;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot prepare the sample repository", e);
        }
    }

    /** Makes {@code repo} a git repository of its own with everything in it committed. */
    static void commit(Path repo, String message) {
        Git.run(repo, "init", "-q");
        Git.run(repo, "add", "-A");
        Git.run(repo, "commit", "-q", "-m", message);
    }
}

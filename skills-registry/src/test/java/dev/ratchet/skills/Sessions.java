package dev.ratchet.skills;

import java.time.Instant;
import java.util.List;

import dev.ratchet.core.event.Check;
import dev.ratchet.core.event.PatchStats;
import dev.ratchet.core.event.RatchetEvent;
import dev.ratchet.core.event.SessionCompleted;
import dev.ratchet.core.event.SessionCreated;
import dev.ratchet.core.event.SessionFailed;
import dev.ratchet.core.event.Usage;
import dev.ratchet.core.guardrail.Guardrails;
import dev.ratchet.core.store.RedisKeys;
import dev.ratchet.testing.TestKeys;
import io.quarkus.redis.datasource.RedisDataSource;

/** Session lifecycle events as the planner sends them at the end of the textstats demo. */
final class Sessions {

    static final String DEMO_GOAL = "Add word statistics to textstats: word_count, top_words and a command-line "
            + "entry point";
    static final String REPO = "/home/dev/textstats";
    static final String BASE_COMMIT = "4b825dc642cb6eb9a060e54bf8d69288fbee4904";
    static final Check UNIT_TESTS = new Check("unit-tests", "python3 -m unittest discover -s tests -t .", 60);

    private Sessions() {
    }

    static SessionCompleted completed(String session, String goal) {
        return completed(session, REPO, goal, UNIT_TESTS);
    }

    /**
     * The demo's completion in {@code repo} with {@code check}: tests that must not fold into each other's skills
     * give each its own check command (a plan's shape includes its checks).
     */
    static SessionCompleted completed(String session, String repo, String goal, Check check) {
        String module = repo.substring(repo.lastIndexOf('/') + 1);
        String source = module + ".py";
        String test = "tests/test_" + module + ".py";
        List<SessionCompleted.CompletedStep> steps = List.of(
                new SessionCompleted.CompletedStep("s1", "Add word_count",
                        "In " + source + " add word_count(text) that returns the number of words in text, using "
                                + "words(). Add tests for it to " + test + ".",
                        1, new PatchStats(List.of(source, test), 14, 1)),
                new SessionCompleted.CompletedStep("s2", "Add top_words",
                        "In " + source + " add top_words(text, n) that returns the n most frequent words as "
                                + "(word, count) tuples,\n most frequent first, ties broken alphabetically.",
                        2, new PatchStats(List.of(source, test), 16, 1)),
                new SessionCompleted.CompletedStep("s3", "Add a command-line entry point",
                        "In " + source + " add main(argv) that reads the file named by argv[0] and prints "
                                + "'words: N'.",
                        1, new PatchStats(List.of(source, test), 30, 1)));
        return SessionCompleted.of(session, Instant.now(), new SessionCompleted.Payload(repo, goal, BASE_COMMIT,
                steps, List.of(check), Guardrails.DEFAULTS, new Usage(5400, 910, 1300, 700.0), 4200));
    }

    static SessionCreated created(String session, String goal) {
        return SessionCreated.of(session, Instant.now(), new SessionCreated.Payload(REPO, goal, BASE_COMMIT,
                List.of(UNIT_TESTS)));
    }

    static SessionFailed failed(String session, String goal) {
        return SessionFailed.of(session, "s2", 3, Instant.now(), new SessionFailed.Payload(REPO, goal,
                "step s2 was rejected 3 times: check 'unit-tests' failed (exit 1)", 1));
    }

    /**
     * {@code completed} with its session stored as the planner stores it, owned by the test key's team: the registry
     * takes a captured skill's team from there, never from the event.
     */
    static <T extends RatchetEvent> T owned(RedisDataSource redis, T completed) {
        redis.hash(String.class).hset(RedisKeys.session(completed.sessionId()), RedisKeys.SESSION_TEAM, TestKeys.TEAM);
        return completed;
    }

    /** A check of its own for one test: {@code unit-tests} running a command no other test uses. */
    static Check check(String marker) {
        return new Check("unit-tests", "python3 -m unittest discover -s tests -t . # " + marker, 60);
    }
}

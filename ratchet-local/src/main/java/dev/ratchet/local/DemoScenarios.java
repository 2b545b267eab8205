package dev.ratchet.local;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The scenarios {@code ./ratchet demo --scenario <name>} runs, by name. Each scripted one is a {@link DemoScenario}
 * whose model answers are in {@code examples/scenarios/demo/<name>.json}; other kinds of scenario register their own
 * {@link ScenarioRunner} in {@link #runners()} under their own name.
 */
public final class DemoScenarios {

    static final String PYTHON = "python3";
    static final String NODE = "node";
    static final String CHROMIUM = "chromium|chromium-browser";
    static final String NODE_TESTS = "node --test";
    /** The time a check that "runs longer than two minutes" sleeps before the real suite: 125 s. */
    static final int LONG_CHECK_SLEEP_SECONDS = 125;

    private static final Map<String, Object> NO_DELETES = Map.of("deletes", false);

    private DemoScenarios() {
    }

    /** Every scripted scenario, in the order the README lists them. */
    public static List<DemoScenario> scripted() {
        return List.of(
                new DemoScenario("guardrail-delete", Demo.SAMPLE,
                        "Remove the obsolete test suite (demo scenario guardrail-delete)",
                        List.of(check("unit-tests", Demo.CHECK_COMMAND, 60)), NO_DELETES, DemoScenario.Setup.NONE,
                        List.of(PYTHON)),
                new DemoScenario("forbidden-path", "node-sample",
                        "Configure the service URL for the tests (demo scenario forbidden-path)",
                        List.of(check("node-tests", NODE_TESTS, 60)), Map.of(), DemoScenario.Setup.NONE,
                        List.of(NODE)),
                new DemoScenario("symlink-escape", "node-sample",
                        "Document greet in the shared docs (demo scenario symlink-escape)",
                        List.of(check("node-tests", NODE_TESTS, 60)), Map.of(), DemoScenarios::linkOutside,
                        List.of(NODE)),
                new DemoScenario("secret", "node-sample",
                        "Read reports from the bucket (demo scenario secret)",
                        List.of(check("node-tests", NODE_TESTS, 60)), Map.of(), DemoScenario.Setup.NONE,
                        List.of(NODE)),
                new DemoScenario("malformed-patch", Demo.SAMPLE,
                        "Add word_count to textstats (demo scenario malformed-patch)",
                        List.of(check("unit-tests", Demo.CHECK_COMMAND, 60)), Map.of(), DemoScenario.Setup.NONE,
                        List.of(PYTHON)),
                // 30 s of sleep against a 2 s timeout: the sandbox kills it at 2 s, whatever the machine's speed.
                new DemoScenario("check-timeout", Demo.SAMPLE,
                        "Add word_count to textstats (demo scenario check-timeout)",
                        List.of(check("slow-suite", "sleep 30 && " + Demo.CHECK_COMMAND, 2)), Map.of(),
                        DemoScenario.Setup.NONE, List.of(PYTHON)),
                new DemoScenario("long-check", Demo.SAMPLE,
                        "Add word_count to textstats (demo scenario long-check)",
                        List.of(check("long-suite", "sleep " + LONG_CHECK_SLEEP_SECONDS + " && "
                                + Demo.CHECK_COMMAND, 300)), Map.of(), DemoScenario.Setup.NONE, List.of(PYTHON)),
                new DemoScenario("browser", "web-sample",
                        "Greet visitors on the home page (demo scenario browser)",
                        List.of(Map.of("name", "home-page", "command", "python3 -m http.server 8000",
                                "timeoutSeconds", 60, "browser",
                                Map.of("port", 8000, "paths", List.of("/"), "readySeconds", 15))),
                        Map.of(), DemoScenario.Setup.NONE, List.of(PYTHON, CHROMIUM)),
                // The plan's one step asks for 5 variants; the simulator answers each by its seed (variant k of
                // attempt 1 sends seed k): 1 and 3 fail the tests, 0, 2 and 4 pass with patches of 15, 14, 17 lines.
                new DemoScenario("best-of-5", Demo.SAMPLE, "Add a word counter (demo scenario best-of-5)",
                        List.of(check("unit-tests", Demo.CHECK_COMMAND, 60)), Map.of(), DemoScenario.Setup.NONE,
                        List.of(PYTHON)));
    }

    /** The simulator's rules of every scenario that has them, relative to the examples folder, in the order tried. */
    public static List<String> simulatorScenarios() {
        List<String> files = new ArrayList<>();
        scripted().forEach(scenario -> files.add(scenario.simulatorScenario()));
        files.add(DemoScenario.simulatorScenario(MavenScenario.NAME));
        files.add(SteerDemo.simulatorScenario());
        return files;
    }

    /** Every scenario by name: the scripted ones, then any other runner added here under its own name. */
    public static Map<String, ScenarioRunner> runners() {
        Map<String, ScenarioRunner> runners = new LinkedHashMap<>();
        scripted().forEach(scenario -> runners.put(scenario.name(), scenario));
        runners.put(MavenScenario.NAME, new MavenScenario());
        runners.put(SteerDemo.NAME, new SteerDemo());
        return Collections.unmodifiableMap(runners);
    }

    private static Map<String, Object> check(String name, String command, int timeoutSeconds) {
        return Map.of("name", name, "command", command, "timeoutSeconds", timeoutSeconds);
    }

    /** symlink-escape: the repository tracks {@code shared-docs}, a link to a folder outside it. */
    private static void linkOutside(Path repo) throws IOException {
        Path outside = Files.createDirectories(repo.getParent().resolve("outside-the-repository"));
        Files.writeString(outside.resolve("README.md"), "Not part of the repository; nothing may write here.\n");
        Files.createSymbolicLink(repo.resolve("shared-docs"), outside);
    }
}

package dev.ratchet.local;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * {@code ./ratchet demo --scenario maven}: a step on the Maven/JUnit sample, verified by {@code mvn -o test} in the
 * sandbox. The check names a Maven repository only known on this machine ({@link MavenSampleRepository}), so the
 * scripted scenario is built when it runs, after that repository is ready.
 */
final class MavenScenario implements ScenarioRunner {

    static final String NAME = "maven";
    static final String MVN = "mvn";
    /** Maven's start, compile and a forked test JVM: about 6 s here when idle; 180 s leaves room for a busy CI. */
    static final int CHECK_TIMEOUT_SECONDS = 180;

    /** The scripted scenario with its check against {@code repository}. */
    static DemoScenario scenario(Path repository) {
        return new DemoScenario(NAME, MavenSampleRepository.SAMPLE,
                "Transliterate accented letters in slugs (demo scenario maven)",
                List.of(Map.of("name", "maven-test", "command", MavenSampleRepository.testCommand(repository),
                        "timeoutSeconds", CHECK_TIMEOUT_SECONDS)),
                Map.of(), DemoScenario.Setup.NONE, List.of(MVN));
    }

    @Override
    public Demo.Result run(LocalLayout layout, ApiEndpoint planner, Consumer<String> out) {
        if (!Programs.onPath(MVN)) {
            // The scripted scenario says it is skipped, and why, in the same words as every other scenario.
            return scenario(MavenSampleRepository.localRepository()).run(layout, planner, out);
        }
        return scenario(MavenSampleRepository.prepare(layout, out)).run(layout, planner, out);
    }
}

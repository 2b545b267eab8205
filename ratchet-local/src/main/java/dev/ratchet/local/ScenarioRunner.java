package dev.ratchet.local;

import java.util.function.Consumer;

/**
 * What {@code ./ratchet demo --scenario <name>} runs: one named scenario on the cluster whose planner is
 * {@code planner}, its progress to {@code out}, ending with one line that says what happened
 * ({@link Demo.Result#summary()}).
 */
@FunctionalInterface
public interface ScenarioRunner {

    Demo.Result run(LocalLayout layout, ApiEndpoint planner, Consumer<String> out);
}

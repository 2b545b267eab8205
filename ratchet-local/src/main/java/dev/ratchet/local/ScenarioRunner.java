package dev.ratchet.local;

import java.util.function.Consumer;

/**
 * What {@code ./ratchet demo --scenario <name>} runs: one named scenario on the cluster at {@code plannerUrl}, its
 * progress to {@code out}, ending with one line that says what happened ({@link Demo.Result#summary()}).
 */
@FunctionalInterface
public interface ScenarioRunner {

    Demo.Result run(LocalLayout layout, String plannerUrl, Consumer<String> out);
}

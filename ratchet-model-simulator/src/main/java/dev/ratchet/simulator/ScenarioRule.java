package dev.ratchet.simulator;

import java.util.Objects;
import java.util.OptionalInt;
import java.util.concurrent.atomic.AtomicInteger;

/** One scripted rule: a match, an optional use limit, and the answer. */
final class ScenarioRule {

    private final String name;
    private final RuleMatch match;
    private final OptionalInt times;
    private final ScriptedResponse response;
    private final AtomicInteger used = new AtomicInteger();

    ScenarioRule(String name, RuleMatch match, OptionalInt times, ScriptedResponse response) {
        this.name = Objects.requireNonNull(name, "name");
        this.match = Objects.requireNonNull(match, "match");
        this.times = Objects.requireNonNull(times, "times");
        this.response = Objects.requireNonNull(response, "response");
    }

    String name() {
        return name;
    }

    RuleMatch match() {
        return match;
    }

    ScriptedResponse response() {
        return response;
    }

    /**
     * True when the request matches and the rule still has uses left; a true answer spends one use,
     * atomically, so concurrent requests never get more than {@code times} answers from this rule.
     */
    boolean claim(String requestModel, String conversation, Long seed) {
        if (!match.test(requestModel, conversation, seed)) {
            return false;
        }
        if (times.isEmpty()) {
            return true;
        }
        int limit = times.getAsInt();
        return used.getAndUpdate(n -> n < limit ? n + 1 : n) < limit;
    }
}

package dev.ratchet.simulator;

import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/** Parses {@link Main}'s options, as {@code --name value} or {@code --name=value}. */
final class MainArguments {

    static final int DEFAULT_PORT = 8090;
    private static final Set<String> OPTIONS = Set.of("--host", "--port", "--scenario", "--tokens-per-second", "--ttft-ms");

    private MainArguments() {
    }

    static SimulatorConfig parse(String[] args) {
        Map<String, String> values = new HashMap<>();
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            int equals = arg.indexOf('=');
            String name = equals < 0 ? arg : arg.substring(0, equals);
            if (!OPTIONS.contains(name)) {
                throw new IllegalArgumentException("unknown option " + arg);
            }
            if (equals >= 0) {
                values.put(name, arg.substring(equals + 1));
            } else if (i + 1 < args.length) {
                values.put(name, args[++i]);
            } else {
                throw new IllegalArgumentException(name + " needs a value");
            }
        }
        String scenarioFile = values.get("--scenario");
        if (scenarioFile == null) {
            throw new IllegalArgumentException("--scenario FILE is required");
        }
        return new SimulatorConfig(
                values.getOrDefault("--host", SimulatorConfig.DEFAULT_HOST),
                (int) number(values, "--port", DEFAULT_PORT),
                number(values, "--tokens-per-second", SimulatorConfig.DEFAULT_TOKENS_PER_SECOND),
                Duration.ofMillis((long) number(values, "--ttft-ms", SimulatorConfig.DEFAULT_TIME_TO_FIRST_TOKEN.toMillis())),
                Scenario.load(Path.of(scenarioFile)));
    }

    private static double number(Map<String, String> values, String name, double fallback) {
        String value = values.get(name);
        if (value == null) {
            return fallback;
        }
        try {
            return Double.parseDouble(value);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + " must be a number, was '" + value + "'");
        }
    }
}

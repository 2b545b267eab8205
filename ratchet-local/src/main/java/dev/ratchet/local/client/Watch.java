package dev.ratchet.local.client;

import java.time.Duration;

import picocli.CommandLine.Option;

/** How long {@code follow} and {@code submit --follow} watch: a person's terminal never waits without a deadline. */
final class Watch {

    @Option(names = "--timeout", paramLabel = "DURATION", defaultValue = "PT1H",
            description = "Stop watching after this long (ISO-8601, default ${DEFAULT-VALUE}); exit 4 if still running")
    Duration timeout;
}

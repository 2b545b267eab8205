package dev.ratchet.simulator;

import java.time.Duration;
import java.util.Objects;

/**
 * How a {@link SimulatedModelServer} listens and how fast its SIMULATED model "generates".
 *
 * @param host             address to bind, also used in {@link SimulatedModelServer#baseUrl()}
 * @param port             port to bind; 0 picks a free one
 * @param tokensPerSecond  default decode rate in pseudo-tokens per second (a rule may override it)
 * @param timeToFirstToken default delay before the first content token (a rule may override it)
 * @param scenario         the scripted answers
 */
public record SimulatorConfig(String host, int port, double tokensPerSecond, Duration timeToFirstToken, Scenario scenario) {

    public static final String DEFAULT_HOST = "127.0.0.1";
    public static final double DEFAULT_TOKENS_PER_SECOND = 1000;
    public static final Duration DEFAULT_TIME_TO_FIRST_TOKEN = Duration.ofMillis(50);

    public SimulatorConfig {
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(timeToFirstToken, "timeToFirstToken");
        Objects.requireNonNull(scenario, "scenario");
        if (port < 0 || port > 65_535) {
            throw new IllegalArgumentException("port must be 0..65535, was " + port);
        }
        if (!(tokensPerSecond > 0) || Double.isInfinite(tokensPerSecond)) {
            throw new IllegalArgumentException("tokensPerSecond must be a positive finite number, was " + tokensPerSecond);
        }
        if (timeToFirstToken.isNegative()) {
            throw new IllegalArgumentException("timeToFirstToken must not be negative, was " + timeToFirstToken);
        }
    }

    /** 127.0.0.1, a free port, 1000 tokens/s and 50 ms to the first token. */
    public static SimulatorConfig defaults(Scenario scenario) {
        return new SimulatorConfig(DEFAULT_HOST, 0, DEFAULT_TOKENS_PER_SECOND, DEFAULT_TIME_TO_FIRST_TOKEN, scenario);
    }

    public SimulatorConfig withHost(String newHost) {
        return new SimulatorConfig(newHost, port, tokensPerSecond, timeToFirstToken, scenario);
    }

    public SimulatorConfig withPort(int newPort) {
        return new SimulatorConfig(host, newPort, tokensPerSecond, timeToFirstToken, scenario);
    }

    public SimulatorConfig withTokensPerSecond(double newTokensPerSecond) {
        return new SimulatorConfig(host, port, newTokensPerSecond, timeToFirstToken, scenario);
    }

    public SimulatorConfig withTimeToFirstToken(Duration newTimeToFirstToken) {
        return new SimulatorConfig(host, port, tokensPerSecond, newTimeToFirstToken, scenario);
    }
}

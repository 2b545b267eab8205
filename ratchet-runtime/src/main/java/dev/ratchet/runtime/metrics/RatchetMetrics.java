package dev.ratchet.runtime.metrics;

import java.time.Duration;

import jakarta.enterprise.context.ApplicationScoped;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

/**
 * Ratchet's own meters, exported at {@code /q/metrics}: {@code ratchet_hop_seconds{hop}} is the time from a record
 * being produced (its Kafka timestamp) to its consumer starting on it, or for the planner to the next request being
 * produced; {@code ratchet_stage_seconds{stage}} the time a service spends on one piece of work;
 * {@code ratchet_model_tokens_total{role,direction}} the tokens models read and wrote.
 */
@ApplicationScoped
public class RatchetMetrics {

    public static final String HOP_REQUESTED_TO_EXECUTOR = "requested_to_executor";
    public static final String HOP_EXECUTED_TO_VERIFIER = "executed_to_verifier";
    public static final String HOP_VERDICT_TO_NEXT_REQUEST = "verdict_to_next_request";

    private final MeterRegistry registry;

    RatchetMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    /**
     * @param producedAtMillis the record's timestamp (set by its producer); producer and consumer clocks differ
     *        across machines, so on one machine (or with NTP) this is the hop latency
     */
    public void hop(String hop, long producedAtMillis) {
        long ms = System.currentTimeMillis() - producedAtMillis;
        timer("ratchet.hop", "hop", hop).record(Duration.ofMillis(Math.max(0, ms)));
    }

    public void stage(String stage, Duration duration) {
        timer("ratchet.stage", "stage", stage).record(duration);
    }

    public void tokens(String role, int in, int out) {
        counter(role, "in").increment(in);
        counter(role, "out").increment(out);
    }

    public void outcome(String name, String outcome) {
        Counter.builder("ratchet." + name).tag("outcome", outcome).register(registry).increment();
    }

    private Timer timer(String name, String tag, String value) {
        return Timer.builder(name).tag(tag, value).publishPercentileHistogram().register(registry);
    }

    private Counter counter(String role, String direction) {
        return Counter.builder("ratchet.model.tokens").tag("role", role).tag("direction", direction)
                .register(registry);
    }
}

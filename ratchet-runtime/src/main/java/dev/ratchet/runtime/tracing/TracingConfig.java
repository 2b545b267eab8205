package dev.ratchet.runtime.tracing;

import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * {@code ratchet.tracing.*}: whether spans are recorded and where they go. Off (the default, no endpoint): every span
 * still gets its trace and span ids, they travel in every event and log line, but nothing is recorded or exported,
 * so nothing is attempted on the network.
 */
@ConfigMapping(prefix = "ratchet.tracing")
public interface TracingConfig {

    /**
     * The OTLP gRPC endpoint spans are exported to, e.g. {@code http://otel-collector:4317} (it becomes
     * {@code quarkus.otel.exporter.otlp.traces.endpoint}). Setting that Quarkus property directly turns recording on
     * the same way.
     */
    Optional<String> otlpEndpoint();

    /**
     * Records spans whether an endpoint is set or not; by default only when one is. For an exporter inside the
     * process (a {@code SpanExporter} bean, as the tracing tests use).
     */
    Optional<Boolean> record();

    /** The share of new traces recorded while recording; a parent's decision is followed. 1.0: every step. */
    @WithDefault("1.0")
    double sampleRatio();
}

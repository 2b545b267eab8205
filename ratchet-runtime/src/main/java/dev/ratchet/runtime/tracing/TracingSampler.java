package dev.ratchet.runtime.tracing;

import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import io.opentelemetry.sdk.trace.samplers.Sampler;

/**
 * The sampler Quarkus' OpenTelemetry SDK uses (a {@link Sampler} bean replaces {@code quarkus.otel.traces.sampler}):
 * nothing recorded unless spans have somewhere to go ({@link TracingConfig}). An unsampled span still has valid ids,
 * so trace context propagates and log lines carry it when tracing is off.
 */
@ApplicationScoped
public class TracingSampler {

    static final String QUARKUS_TRACES_ENDPOINT = "quarkus.otel.exporter.otlp.traces.endpoint";
    static final String QUARKUS_ENDPOINT = "quarkus.otel.exporter.otlp.endpoint";

    @Produces
    @ApplicationScoped
    Sampler sampler(TracingConfig config,
            @ConfigProperty(name = QUARKUS_TRACES_ENDPOINT) Optional<String> tracesEndpoint,
            @ConfigProperty(name = QUARKUS_ENDPOINT) Optional<String> endpoint) {
        return decide(config, tracesEndpoint.isPresent() || endpoint.isPresent());
    }

    static Sampler decide(TracingConfig config, boolean quarkusEndpointSet) {
        boolean record = config.record().orElse(config.otlpEndpoint().isPresent() || quarkusEndpointSet);
        if (!record) {
            return Sampler.alwaysOff();
        }
        return Sampler.parentBased(Sampler.traceIdRatioBased(config.sampleRatio()));
    }
}

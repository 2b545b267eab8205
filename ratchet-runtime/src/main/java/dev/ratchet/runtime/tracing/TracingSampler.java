package dev.ratchet.runtime.tracing;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;

import org.eclipse.microprofile.config.Config;

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
    Sampler sampler(TracingConfig tracing, Config config) {
        return decide(tracing, endpointGiven(config));
    }

    /**
     * Whether Quarkus' OTLP endpoint was given, directly or through {@code ratchet.tracing.otlp-endpoint} (the
     * shared defaults map that onto it with an empty fallback, so an unset one leaves it unset, not at Quarkus'
     * default address).
     */
    static boolean endpointGiven(Config config) {
        return given(config, QUARKUS_TRACES_ENDPOINT) || given(config, QUARKUS_ENDPOINT);
    }

    private static boolean given(Config config, String property) {
        return config.getOptionalValue(property, String.class).filter(v -> !v.isBlank()).isPresent();
    }

    static Sampler decide(TracingConfig config, boolean quarkusEndpointSet) {
        boolean record = config.record().orElse(config.otlpEndpoint().isPresent() || quarkusEndpointSet);
        if (!record) {
            return Sampler.alwaysOff();
        }
        return Sampler.parentBased(Sampler.traceIdRatioBased(config.sampleRatio()));
    }
}

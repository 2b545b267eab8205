package dev.ratchet.runtime.tracing;

import java.util.Set;

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
    /** Quarkus' default OTLP address, which its endpoint properties read as when nobody set them. */
    static final Set<String> QUARKUS_DEFAULT = Set.of("http://localhost:4317/", "http://localhost:4317");

    @Produces
    @ApplicationScoped
    Sampler sampler(TracingConfig tracing, Config config) {
        return decide(tracing, endpointGiven(config));
    }

    /**
     * Whether Quarkus' OTLP endpoint was given, directly or through {@code ratchet.tracing.otlp-endpoint} (the
     * shared defaults map that onto it with an empty fallback). Quarkus' own default address counts as not given,
     * as Quarkus itself counts it: {@code quarkus.otel.exporter.otlp.endpoint} reads as that address when unset.
     */
    static boolean endpointGiven(Config config) {
        return given(config, QUARKUS_TRACES_ENDPOINT) || given(config, QUARKUS_ENDPOINT);
    }

    private static boolean given(Config config, String property) {
        return config.getOptionalValue(property, String.class).map(String::trim)
                .filter(v -> !v.isEmpty() && !QUARKUS_DEFAULT.contains(v)).isPresent();
    }

    static Sampler decide(TracingConfig config, boolean quarkusEndpointSet) {
        boolean record = config.record().orElse(config.otlpEndpoint().isPresent() || quarkusEndpointSet);
        if (!record) {
            return Sampler.alwaysOff();
        }
        return Sampler.parentBased(Sampler.traceIdRatioBased(config.sampleRatio()));
    }
}

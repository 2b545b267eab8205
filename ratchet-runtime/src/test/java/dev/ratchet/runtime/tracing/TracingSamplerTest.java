package dev.ratchet.runtime.tracing;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.Optional;

import org.eclipse.microprofile.config.Config;
import org.junit.jupiter.api.Test;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.samplers.Sampler;
import io.smallrye.config.SmallRyeConfigBuilder;

/** What "off" means: spans with real ids that travel and are logged, none recorded; on once spans can go somewhere. */
class TracingSamplerTest {

    record Tracing(Optional<String> otlpEndpoint, Optional<Boolean> record, double sampleRatio)
            implements TracingConfig {
    }

    @Test
    void withNoEndpointSpansHaveIdsButAreNotRecorded() {
        Span span = span(TracingSampler.decide(new Tracing(Optional.empty(), Optional.empty(), 1.0), false));

        assertThat(span.getSpanContext().isValid()).as("ids for events and log lines").isTrue();
        assertThat(span.getSpanContext().isSampled()).isFalse();
        assertThat(span.getSpanContext().isSampled()).isFalse();
    }

    @Test
    void anEndpointOfRatchetsOrQuarkusOwnOrAskingForRecordsTurnsRecordingOn() {
        assertThat(span(TracingSampler.decide(new Tracing(Optional.of("http://collector:4317"), Optional.empty(), 1.0),
                false)).getSpanContext().isSampled()).isTrue();
        assertThat(span(TracingSampler.decide(new Tracing(Optional.empty(), Optional.empty(), 1.0), true))
                .getSpanContext().isSampled()).isTrue();
        assertThat(span(TracingSampler.decide(new Tracing(Optional.empty(), Optional.of(true), 1.0), false))
                .getSpanContext().isSampled()).isTrue();
        assertThat(span(TracingSampler.decide(new Tracing(Optional.of("http://collector:4317"), Optional.of(false),
                1.0), false)).getSpanContext().isSampled()).isFalse();
    }

    @Test
    void theSharedDefaultsGiveQuarkusAnEndpointOnlyWhenRatchetsIsSet() {
        assertThat(TracingSampler.endpointGiven(config(Map.of()))).as("unset: recording stays off").isFalse();
        assertThat(TracingSampler.endpointGiven(config(Map.of(TracingSampler.QUARKUS_ENDPOINT,
                "http://localhost:4317/")))).as("Quarkus' default, which its mapping reads when unset").isFalse();
        assertThat(TracingSampler.endpointGiven(config(Map.of("ratchet.tracing.otlp-endpoint",
                "http://collector:4317")))).isTrue();
        assertThat(TracingSampler.endpointGiven(config(Map.of(TracingSampler.QUARKUS_ENDPOINT,
                "http://collector:4317")))).as("Quarkus' own property").isTrue();
    }

    /** The runtime's META-INF/microprofile-config.properties (with expressions) and {@code set} under it. */
    private static Config config(Map<String, String> set) {
        return new SmallRyeConfigBuilder().addDefaultInterceptors().addDefaultSources().withDefaultValues(set)
                .build();
    }

    @Test
    void aRatioOfZeroRecordsNoNewTrace() {
        assertThat(span(TracingSampler.decide(new Tracing(Optional.of("http://collector:4317"), Optional.empty(), 0.0),
                false)).getSpanContext().isSampled()).isFalse();
    }

    private static Span span(Sampler sampler) {
        try (SdkTracerProvider provider = SdkTracerProvider.builder().setSampler(sampler).build()) {
            Span span = provider.get("test").spanBuilder("step").startSpan();
            span.end();
            return span;
        }
    }
}

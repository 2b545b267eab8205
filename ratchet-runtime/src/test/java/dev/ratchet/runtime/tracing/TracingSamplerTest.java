package dev.ratchet.runtime.tracing;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;

import org.junit.jupiter.api.Test;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.samplers.Sampler;

/** What "off" means: spans with real ids that travel and are logged, none recorded; on once spans can go somewhere. */
class TracingSamplerTest {

    record Config(Optional<String> otlpEndpoint, Optional<Boolean> record, double sampleRatio)
            implements TracingConfig {
    }

    @Test
    void withNoEndpointSpansHaveIdsButAreNotRecorded() {
        Span span = span(TracingSampler.decide(new Config(Optional.empty(), Optional.empty(), 1.0), false));

        assertThat(span.getSpanContext().isValid()).as("ids for events and log lines").isTrue();
        assertThat(span.getSpanContext().isSampled()).isFalse();
        assertThat(span.getSpanContext().isSampled()).isFalse();
    }

    @Test
    void anEndpointOfRatchetsOrQuarkusOwnOrAskingForRecordsTurnsRecordingOn() {
        assertThat(span(TracingSampler.decide(new Config(Optional.of("http://collector:4317"), Optional.empty(), 1.0),
                false)).getSpanContext().isSampled()).isTrue();
        assertThat(span(TracingSampler.decide(new Config(Optional.empty(), Optional.empty(), 1.0), true))
                .getSpanContext().isSampled()).isTrue();
        assertThat(span(TracingSampler.decide(new Config(Optional.empty(), Optional.of(true), 1.0), false))
                .getSpanContext().isSampled()).isTrue();
        assertThat(span(TracingSampler.decide(new Config(Optional.of("http://collector:4317"), Optional.of(false),
                1.0), false)).getSpanContext().isSampled()).isFalse();
    }

    @Test
    void aRatioOfZeroRecordsNoNewTrace() {
        assertThat(span(TracingSampler.decide(new Config(Optional.of("http://collector:4317"), Optional.empty(), 0.0),
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

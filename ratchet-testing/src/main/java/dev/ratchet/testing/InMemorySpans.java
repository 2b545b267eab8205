package dev.ratchet.testing;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;

/**
 * The span exporter of every Quarkus test application (this jar is a bean archive, META-INF/beans.xml): Quarkus hands
 * every ended span to a {@code SpanExporter} bean (and then installs no OTLP exporter), so a test reads the spans its
 * service made, as the Quarkus OpenTelemetry guide's tests do. Spans are recorded only where the test's
 * configuration sets {@code ratchet.tracing.record=true}.
 */
@ApplicationScoped
public class InMemorySpans {

    @Produces
    @Singleton
    InMemorySpanExporter exporter() {
        return InMemorySpanExporter.create();
    }
}

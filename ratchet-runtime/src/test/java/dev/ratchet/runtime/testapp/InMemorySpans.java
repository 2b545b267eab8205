package dev.ratchet.runtime.testapp;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;

/**
 * The test application's span exporter: Quarkus hands every ended span to a {@code SpanExporter} bean (and then
 * installs no OTLP exporter), so a test reads the spans a handler made, as the Quarkus OpenTelemetry guide's do.
 */
@ApplicationScoped
public class InMemorySpans {

    @Produces
    @Singleton
    InMemorySpanExporter exporter() {
        return InMemorySpanExporter.create();
    }
}

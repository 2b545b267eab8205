package dev.ratchet.runtime.tracing;

import java.util.function.Supplier;

import jakarta.enterprise.context.ApplicationScoped;

import org.apache.kafka.clients.consumer.ConsumerRecord;

import dev.ratchet.core.event.RatchetEvent;
import dev.ratchet.runtime.messaging.CloudEventMessages;
import dev.ratchet.runtime.messaging.TraceParent;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanBuilder;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;

/**
 * The spans of Ratchet's event flow. A consumer handles a record inside {@link #consume}: a {@code process <topic>}
 * span whose parent is the event's {@code traceparent} (a new trace when it has none or a bad one), current on the
 * thread with the ids in the MDC, so an event sent meanwhile carries the same trace. Work handed to another thread
 * continues it with {@link #work}. The planner starts each step attempt in a trace of its own ({@link #newTrace}),
 * linked to what caused it, so one trace is one attempt: planner, executor, verifier, planner.
 */
@ApplicationScoped
public class EventSpans {

    public static final String SESSION_ID = "ratchet.session.id";
    public static final String STEP_ID = "ratchet.step.id";
    public static final String ATTEMPT = "ratchet.attempt";
    public static final String VARIANT = "ratchet.variant";

    private final Tracer tracer;

    EventSpans(Tracer tracer) {
        this.tracer = tracer;
    }

    /** Runs {@code handler} for {@code event}, decoded from {@code record}, in the event's trace. */
    public void consume(ConsumerRecord<?, ?> record, RatchetEvent event, Runnable handler) {
        Context parent = TraceParent.parent(CloudEventMessages.headers(record));
        SpanBuilder builder = tracer.spanBuilder("process " + record.topic()).setParent(parent)
                .setSpanKind(SpanKind.CONSUMER)
                .setAttribute("messaging.system", "kafka")
                .setAttribute("messaging.operation.type", "process")
                .setAttribute("messaging.destination.name", record.topic())
                .setAttribute("messaging.destination.partition.id", String.valueOf(record.partition()))
                .setAttribute("messaging.kafka.offset", record.offset())
                .setAttribute("cloudevents.event_type", event.eventType().ceType());
        run(event(builder, event), event, handler);
    }

    /** Runs {@code work} in a child of {@code parent} (captured with {@code Context.current()} on another thread). */
    public void work(Context parent, String name, RatchetEvent event, Runnable work) {
        run(event(tracer.spanBuilder(name).setParent(parent), event), event, work);
    }

    /**
     * Starts a trace of its own for {@code event} (linked to the current span, the request or verdict that led to
     * it) and makes {@code send} inside it, so what it builds carries the new trace.
     */
    public <T> T newTrace(String name, RatchetEvent event, Supplier<T> send) {
        SpanBuilder builder = tracer.spanBuilder(name).setNoParent().setSpanKind(SpanKind.PRODUCER);
        SpanContext cause = Span.current().getSpanContext();
        if (cause.isValid()) {
            builder.addLink(cause);
        }
        Span span = event(builder, event).startSpan();
        try (Scope scope = span.makeCurrent()) {
            return send.get();
        } finally {
            span.end();
        }
    }

    /** The attributes every span about an event carries; {@code ratchet.step.id} only for a step's events. */
    static SpanBuilder event(SpanBuilder builder, RatchetEvent event) {
        builder.setAttribute(SESSION_ID, event.sessionId()).setAttribute("cloudevents.event_id",
                event.eventId().toString());
        if (event.stepId() != null) {
            builder.setAttribute(STEP_ID, event.stepId()).setAttribute(ATTEMPT, event.attempt())
                    .setAttribute(VARIANT, event.variant());
        }
        return builder;
    }

    private static void run(SpanBuilder builder, RatchetEvent event, Runnable body) {
        Span span = builder.startSpan();
        try (Scope scope = span.makeCurrent(); LogContext log = LogContext.of(event, span.getSpanContext())) {
            body.run();
        } catch (RuntimeException | Error e) {
            span.recordException(e);
            span.setStatus(StatusCode.ERROR);
            throw e;
        } finally {
            span.end();
        }
    }
}

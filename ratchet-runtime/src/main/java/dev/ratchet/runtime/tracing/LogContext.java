package dev.ratchet.runtime.tracing;

import java.util.LinkedHashMap;
import java.util.Map;

import org.jboss.logging.MDC;

import io.opentelemetry.api.trace.SpanContext;

import dev.ratchet.core.event.RatchetEvent;

/**
 * The MDC of a thread while it handles one event: {@code sessionId}, {@code stepId} and the span's {@code traceId},
 * {@code spanId}, so every log line of that work names them (JSON logs carry the MDC; the text format prints them).
 * Closing puts back what was there before, so a pool thread keeps no stale ids.
 */
final class LogContext implements AutoCloseable {

    static final String SESSION_ID = "sessionId";
    static final String STEP_ID = "stepId";
    static final String TRACE_ID = "traceId";
    static final String SPAN_ID = "spanId";

    private final Map<String, Object> previous = new LinkedHashMap<>();

    private LogContext() {
    }

    static LogContext of(RatchetEvent event, SpanContext span) {
        LogContext context = new LogContext();
        context.put(SESSION_ID, event.sessionId());
        context.put(STEP_ID, event.stepId());
        if (span.isValid()) {
            context.put(TRACE_ID, span.getTraceId());
            context.put(SPAN_ID, span.getSpanId());
        }
        return context;
    }

    private void put(String key, String value) {
        previous.put(key, MDC.get(key));
        if (value == null) {
            MDC.remove(key);
        } else {
            MDC.put(key, value);
        }
    }

    @Override
    public void close() {
        previous.forEach((key, value) -> {
            if (value == null) {
                MDC.remove(key);
            } else {
                MDC.put(key, value);
            }
        });
    }
}

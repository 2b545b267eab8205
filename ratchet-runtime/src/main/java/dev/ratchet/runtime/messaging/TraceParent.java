package dev.ratchet.runtime.messaging;

import java.util.HashMap;
import java.util.Map;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.propagation.TextMapGetter;
import io.opentelemetry.context.propagation.TextMapSetter;

/**
 * An event's trace context as the CloudEvents Distributed Tracing extension carries it: the W3C Trace Context
 * {@code traceparent} and {@code tracestate} attributes, which binary mode on Kafka puts in the {@code ce_traceparent}
 * and {@code ce_tracestate} headers. What arrives is untrusted: a missing, malformed or oversized value is no parent
 * at all, so the event is handled in a new trace, never refused.
 */
public final class TraceParent {

    public static final String TRACEPARENT = "traceparent";
    public static final String TRACESTATE = "tracestate";
    public static final String TRACEPARENT_HEADER = "ce_" + TRACEPARENT;
    public static final String TRACESTATE_HEADER = "ce_" + TRACESTATE;
    /** W3C Trace Context: {@code traceparent} is 55 characters in version 00, {@code tracestate} at most 512. */
    static final int MAX_VALUE_CHARS = 512;

    private static final W3CTraceContextPropagator W3C = W3CTraceContextPropagator.getInstance();
    private static final TextMapSetter<Map<String, Object>> SETTER = Map::put;
    private static final TextMapGetter<Map<String, String>> HEADERS = new TextMapGetter<>() {
        @Override
        public Iterable<String> keys(Map<String, String> headers) {
            return headers.keySet();
        }

        @Override
        public String get(Map<String, String> headers, String key) {
            String value = headers == null ? null : headers.get("ce_" + key);
            return value == null || value.length() > MAX_VALUE_CHARS ? null : value;
        }
    };

    private TraceParent() {
    }

    /** The CloudEvents extension attributes for {@code context}; none when it holds no valid span. */
    public static Map<String, Object> attributes(Context context) {
        Map<String, Object> attributes = new HashMap<>();
        if (Span.fromContext(context).getSpanContext().isValid()) {
            W3C.inject(context, attributes, SETTER);
        }
        return attributes;
    }

    /** The parent a record's headers name; the root context (so a new trace) when they name none or a bad one. */
    public static Context parent(Map<String, String> headers) {
        return W3C.extract(Context.root(), headers, HEADERS);
    }
}

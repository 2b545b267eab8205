package dev.ratchet.runtime.tracing;

import jakarta.enterprise.context.ApplicationScoped;

import dev.ratchet.core.event.RatchetEvent;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanBuilder;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Scope;

/**
 * A model conversation as a span, by the OpenTelemetry GenAI semantic conventions: {@code chat <model>}, client kind,
 * {@code gen_ai.request.model}, {@code gen_ai.usage.input_tokens} and {@code gen_ai.usage.output_tokens} (summed over
 * the conversation's turns), with the session, step and variant it was for (the session alone for planning).
 */
@ApplicationScoped
public class ModelSpans {

    public static final String REQUEST_MODEL = "gen_ai.request.model";
    public static final String RESPONSE_MODEL = "gen_ai.response.model";
    public static final String INPUT_TOKENS = "gen_ai.usage.input_tokens";
    public static final String OUTPUT_TOKENS = "gen_ai.usage.output_tokens";

    private final Tracer tracer;

    ModelSpans(Tracer tracer) {
        this.tracer = tracer;
    }

    /** Starts the span of a model conversation about {@code event}, current until {@link Call#close()}. */
    public Call start(String role, String model, RatchetEvent event) {
        return start(role, model, EventSpans.event(tracer.spanBuilder("chat " + model), event));
    }

    /**
     * Starts the span of a session's model conversation that no event is about (the planner's plan or revision,
     * asked for on its planning pool): the same attributes, with the session and no step.
     */
    public Call start(String role, String model, String sessionId) {
        return start(role, model, tracer.spanBuilder("chat " + model).setAttribute(EventSpans.SESSION_ID, sessionId));
    }

    private Call start(String role, String model, SpanBuilder builder) {
        Span span = builder.setSpanKind(SpanKind.CLIENT)
                .setAttribute("gen_ai.operation.name", "chat")
                .setAttribute("gen_ai.provider.name", "openai")
                .setAttribute(REQUEST_MODEL, model)
                .setAttribute("ratchet.model.role", role)
                .startSpan();
        return new Call(span, span.makeCurrent());
    }

    /** One conversation's span; record what it used, then close it. */
    public static final class Call implements AutoCloseable {

        private final Span span;
        private final Scope scope;

        Call(Span span, Scope scope) {
            this.span = span;
            this.scope = scope;
        }

        /** @param model the model that answered (a server may answer with another name); null when unknown */
        public void used(String model, long inputTokens, long outputTokens) {
            if (model != null) {
                span.setAttribute(RESPONSE_MODEL, model);
            }
            span.setAttribute(INPUT_TOKENS, inputTokens);
            span.setAttribute(OUTPUT_TOKENS, outputTokens);
        }

        public void failed(String error) {
            span.setStatus(StatusCode.ERROR, error);
            span.setAttribute("error.type", "model_call");
        }

        @Override
        public void close() {
            scope.close();
            span.end();
        }
    }
}

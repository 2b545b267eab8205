package dev.ratchet.runtime.messaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;

import jakarta.inject.Inject;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.jboss.logging.MDC;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.ratchet.core.event.RatchetEvent;
import dev.ratchet.core.event.StepRequested;
import dev.ratchet.runtime.Samples;
import dev.ratchet.runtime.redis.Outcomes;
import dev.ratchet.runtime.tracing.EventSpans;
import dev.ratchet.runtime.work.OwnedWork;
import dev.ratchet.runtime.work.Ownership;
import dev.ratchet.runtime.work.WorkLeases;
import dev.ratchet.testing.KafkaResource;
import dev.ratchet.testing.RedisResource;
import dev.ratchet.testing.RedisSessions;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Scope;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.reactive.messaging.ce.OutgoingCloudEventMetadata;

/**
 * Trace context through a service, as the executor and verifier handle their events ({@link LeasedConsumer}): a
 * record's {@code ce_traceparent} is the parent of its handling, the work on the pool's thread continues it, and the
 * answer sent carries the same trace id; a record without a usable one is handled all the same, in a new trace. The
 * spans are read from an in-memory exporter (ratchet-testing's InMemorySpans).
 */
@QuarkusTest
@WithTestResource(KafkaResource.class)
@WithTestResource(RedisResource.class)
class EventTracingTest {

    static final Duration WAIT = Duration.ofSeconds(30);
    static final String TRACE = "4bf92f3577b34da6a3ce929d0e0e4736";
    static final String PARENT = "00f067aa0ba902b7";

    @Inject
    RedisDataSource redis;

    @Inject
    Redelivery redelivery;

    @Inject
    WorkLeases leases;

    @Inject
    Outcomes outcomes;

    @Inject
    EventSpans spans;

    @Inject
    Tracer tracer;

    @Inject
    InMemorySpanExporter exported;

    @Inject
    OpenTelemetry openTelemetry;

    OwnedWork work;
    Answering steps;
    LeasedConsumer<StepRequested> consumer;
    StepRequested request;

    /** What an answer left this service with: its CloudEvents trace attribute, and the MDC while it was made. */
    record Sent(String traceparent, Object sessionId, Object stepId, Object traceId) {
    }

    /** Answers at once; {@link #send} builds the outgoing message as the services do and keeps what it carries. */
    static final class Answering implements LeasedConsumer.Steps<StepRequested> {
        final List<Sent> sent = new CopyOnWriteArrayList<>();
        volatile Map<String, Object> mdc = Map.of();

        @Override
        public Duration bound(StepRequested input) {
            return Duration.ofMinutes(1);
        }

        @Override
        public void started(StepRequested input, long producedAt) {
        }

        @Override
        public RatchetEvent answer(StepRequested input, Instant started, Ownership ownership) {
            mdc = Map.copyOf(MDC.getMap());
            return Samples.failed(input, "traced");
        }

        @Override
        public void send(RatchetEvent answer) {
            Message<String> message = CloudEventMessages.of(answer, Sources.EXECUTOR);
            OutgoingCloudEventMetadata<?> ce = message.getMetadata(OutgoingCloudEventMetadata.class).orElseThrow();
            sent.add(new Sent((String) ce.getExtension(TraceParent.TRACEPARENT).orElse(null),
                    mdc.get("sessionId"), mdc.get("stepId"), mdc.get("traceId")));
        }

        @Override
        public void answered(StepRequested input, RatchetEvent answer) {
        }
    }

    @BeforeEach
    void consumer() {
        exported.reset();
        work = new OwnedWork("tracing-test", 2, leases);
        steps = new Answering();
        consumer = new LeasedConsumer<>(StepRequested.class, "executor", steps, redelivery, leases, outcomes, work,
                spans);
        String session = UUID.randomUUID().toString();
        RedisSessions.register(redis, Samples.session(session));
        request = Samples.requested(session);
    }

    @AfterEach
    void close() {
        work.close();
    }

    @Test
    void theSdkSamplesWithRatchetsSampler() {
        assertThat(openTelemetry).isInstanceOf(OpenTelemetrySdk.class);
        assertThat(((OpenTelemetrySdk) openTelemetry).getSdkTracerProvider().getSampler().getDescription())
                .as("TracingSampler's choice (recording: ratchet.tracing.record), not Quarkus' default")
                .contains("TraceIdRatioBased");
    }

    @Test
    void anEventIsHandledWorkedOnAndAnsweredInTheTraceItCarries() {
        consumer.accept(withTraceparent("00-" + TRACE + "-" + PARENT + "-01"));

        await().atMost(WAIT).until(() -> steps.sent.size() == 1);
        Sent sent = steps.sent.get(0);
        assertThat(sent.traceparent()).as("the answer continues the trace").startsWith("00-" + TRACE + "-");
        assertThat(sent.sessionId()).isEqualTo(request.sessionId());
        assertThat(sent.stepId()).isEqualTo(request.stepId());
        assertThat(sent.traceId()).as("log lines of the work name the trace").isEqualTo(TRACE);

        SpanData handled = await().atMost(WAIT).until(() -> span("process " + request.eventType().topic()),
                s -> s != null);
        assertThat(handled.getTraceId()).isEqualTo(TRACE);
        assertThat(handled.getParentSpanId()).isEqualTo(PARENT);
        assertThat(handled.getAttributes().asMap()).containsEntry(attribute(EventSpans.SESSION_ID),
                request.sessionId()).containsEntry(attribute(EventSpans.STEP_ID), request.stepId());
        SpanData worked = await().atMost(WAIT).until(() -> span("executor " + request.eventType().ceType()), s -> s != null);
        assertThat(worked.getTraceId()).isEqualTo(TRACE);
        assertThat(worked.getParentSpanId()).as("the pool's work is a child of the handling")
                .isEqualTo(handled.getSpanId());
        assertThat(sent.traceparent()).contains(worked.getSpanId());
    }

    @Test
    void anEventWithoutAUsableTraceparentIsHandledInANewTrace() {
        for (String bad : new String[] {null, "00-not-a-trace-01", "00-" + "0".repeat(32) + "-" + PARENT + "-01",
                "00-" + TRACE + "-" + PARENT + "-01" + "x".repeat(600)}) {
            exported.reset();
            String session = UUID.randomUUID().toString();
            RedisSessions.register(redis, Samples.session(session));
            request = Samples.requested(session);
            int before = steps.sent.size();

            consumer.accept(bad == null ? Records.of(request) : withTraceparent(bad));

            await().atMost(WAIT).until(() -> steps.sent.size() == before + 1);
            SpanData handled = await().atMost(WAIT).until(() -> span("process " + request.eventType().topic()),
                    s -> s != null);
            assertThat(handled.getParentSpanContext().isValid()).as("no parent from %s", bad).isFalse();
            assertThat(handled.getTraceId()).isNotEqualTo(TRACE);
            assertThat(steps.sent.get(before).traceparent()).startsWith("00-" + handled.getTraceId() + "-");
        }
    }

    @Test
    void aStepRequestStartsATraceOfItsOwnLinkedToItsCause() {
        Span cause = tracer.spanBuilder("cause").startSpan();
        Message<String> message;
        try (Scope scope = cause.makeCurrent()) {
            message = spans.newTrace("send " + request.eventType().topic(), request,
                    () -> CloudEventMessages.of(request, Sources.PLANNER));
        } finally {
            cause.end();
        }

        String traceparent = (String) message.getMetadata(OutgoingCloudEventMetadata.class).orElseThrow()
                .getExtension(TraceParent.TRACEPARENT).orElseThrow();
        SpanData attempt = await().atMost(WAIT).until(() -> span("send " + request.eventType().topic()),
                s -> s != null);
        SpanContext caused = cause.getSpanContext();
        assertThat(attempt.getTraceId()).isNotEqualTo(caused.getTraceId());
        assertThat(traceparent).isEqualTo("00-" + attempt.getTraceId() + "-" + attempt.getSpanId() + "-01");
        assertThat(attempt.getLinks()).extracting(l -> l.getSpanContext().getSpanId())
                .containsExactly(caused.getSpanId());
    }

    private ConsumerRecord<String, String> withTraceparent(String value) {
        return Records.of(request.eventType().topic(), request, headers -> {
            headers.put(TraceParent.TRACEPARENT_HEADER, Records.bytes(value));
            return headers;
        }, json -> json);
    }

    private SpanData span(String name) {
        return exported.getFinishedSpanItems().stream().filter(s -> s.getName().equals(name)).findFirst()
                .orElse(null);
    }

    private static AttributeKey<String> attribute(String name) {
        return AttributeKey.stringKey(name);
    }
}

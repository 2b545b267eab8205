package dev.ratchet.verifier.step;

import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;

import jakarta.enterprise.context.ApplicationScoped;

import dev.ratchet.core.event.CheckResult;
import dev.ratchet.core.event.StepRejected;
import dev.ratchet.core.event.StepVerdict;
import dev.ratchet.core.event.StepVerified;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;

/**
 * A span per check of a verification, children of the verifier's work span, each with its verdict
 * ({@code ratchet.check.verdict}: passed, failed, timed_out, skipped; cached results marked), and the verdict of the
 * whole attempt on the work span. The checks run inside ratchet-workspace, which knows nothing of tracing, so their
 * spans are made from the results: each as long as the check took, laid end to end back from the verification's end
 * (the checks of one verification run one after another).
 */
@ApplicationScoped
public class CheckSpans {

    public static final String CHECK_NAME = "ratchet.check.name";
    public static final String CHECK_VERDICT = "ratchet.check.verdict";
    public static final String VERDICT = "ratchet.verdict";

    private final Tracer tracer;

    CheckSpans(Tracer tracer) {
        this.tracer = tracer;
    }

    /** Records {@code verdict}'s checks as spans under the current span, and the verdict on it. */
    public void record(StepVerdict verdict, Instant finished) {
        Span current = Span.current();
        current.setAttribute(VERDICT, verdict instanceof StepVerified ? "verified" : "rejected");
        List<CheckResult> checks = verdict instanceof StepVerified v ? v.payload().checks()
                : ((StepRejected) verdict).payload().checks();
        if (verdict instanceof StepRejected r) {
            current.setAttribute("ratchet.verdict.stage", r.payload().stage());
        }
        long end = TimeUnit.SECONDS.toNanos(finished.getEpochSecond()) + finished.getNano();
        for (int i = checks.size() - 1; i >= 0; i--) {
            CheckResult check = checks.get(i);
            long start = end - TimeUnit.MILLISECONDS.toNanos(Math.max(0, check.durationMs()));
            Span span = tracer.spanBuilder("check " + check.name()).setStartTimestamp(start, TimeUnit.NANOSECONDS)
                    .setAttribute(CHECK_NAME, check.name())
                    .setAttribute(CHECK_VERDICT, verdict(check))
                    .setAttribute("ratchet.check.exit_code", check.exitCode())
                    .setAttribute("ratchet.check.cached", check.cached())
                    .startSpan();
            if (check.failed()) {
                span.setStatus(StatusCode.ERROR, verdict(check));
            }
            span.end(end, TimeUnit.NANOSECONDS);
            end = start;
        }
    }

    static String verdict(CheckResult check) {
        if (check.skipped() != null) {
            return "skipped";
        }
        if (check.timedOut()) {
            return "timed_out";
        }
        return check.passed() ? "passed" : "failed";
    }
}

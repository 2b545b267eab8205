package dev.ratchet.runtime.metrics;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.time.Duration;
import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import dev.ratchet.testing.KafkaResource;
import dev.ratchet.testing.Meters;
import dev.ratchet.testing.RedisResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * Ratchet's meters as Prometheus reads them from {@code /q/metrics}: their names, their tags, histogram buckets for
 * the timers, and values that move by what was recorded. The services' tests check that their work records them.
 */
@QuarkusTest
@WithTestResource(KafkaResource.class)
@WithTestResource(RedisResource.class)
class RatchetMetricsTest {

    @Inject
    RatchetMetrics metrics;

    @Test
    void aHopIsTheTimeSinceTheRecordWasProducedInAHistogramPerHop() {
        Map<String, String> hop = Map.of("hop", RatchetMetrics.HOP_EXECUTED_TO_VERIFIER);
        String before = scrape();

        metrics.hop(RatchetMetrics.HOP_EXECUTED_TO_VERIFIER, System.currentTimeMillis() - 90_000);

        String after = scrape();
        assertThat(moved(before, after, "ratchet_hop_seconds_count", hop)).isEqualTo(1);
        assertThat(moved(before, after, "ratchet_hop_seconds_sum", hop)).as("at least the 90 s since produced")
                .isGreaterThanOrEqualTo(90).isLessThan(90 + 60);
        assertThat(Meters.find(after, "ratchet_hop_seconds_bucket", hop)).as("percentile histogram buckets")
                .hasSizeGreaterThan(10).anySatisfy(b -> assertThat(b.labels()).containsEntry("le", "+Inf"));
        assertThat(RatchetMetrics.HOP_REQUESTED_TO_EXECUTOR).isEqualTo("requested_to_executor");
        assertThat(RatchetMetrics.HOP_VERDICT_TO_NEXT_REQUEST).isEqualTo("verdict_to_next_request");
    }

    @Test
    void aRecordStampedAfterNowByAnotherClockCountsAsNoTimeRatherThanNegative() {
        Map<String, String> hop = Map.of("hop", RatchetMetrics.HOP_REQUESTED_TO_EXECUTOR);
        String before = scrape();

        metrics.hop(RatchetMetrics.HOP_REQUESTED_TO_EXECUTOR, System.currentTimeMillis() + 60_000);

        String after = scrape();
        assertThat(moved(before, after, "ratchet_hop_seconds_count", hop)).isEqualTo(1);
        assertThat(moved(before, after, "ratchet_hop_seconds_sum", hop)).isZero();
    }

    @Test
    void aStageIsTheTimeItTookPerStage() {
        Map<String, String> verify = Map.of("stage", "verify");
        String before = scrape();

        metrics.stage("verify", Duration.ofMillis(2500));

        String after = scrape();
        assertThat(moved(before, after, "ratchet_stage_seconds_count", verify)).isEqualTo(1);
        assertThat(moved(before, after, "ratchet_stage_seconds_sum", verify)).isCloseTo(2.5, within(1e-9));
        assertThat(Meters.find(after, "ratchet_stage_seconds_max", verify)).isNotEmpty();
    }

    @Test
    void tokensAreCountedPerRoleAndDirection() {
        String before = scrape();

        metrics.tokens("executor", 1800, 240);

        String after = scrape();
        assertThat(moved(before, after, "ratchet_model_tokens_total", Map.of("role", "executor", "direction", "in")))
                .isEqualTo(1800);
        assertThat(moved(before, after, "ratchet_model_tokens_total", Map.of("role", "executor", "direction",
                "out"))).isEqualTo(240);
        assertThat(moved(before, after, "ratchet_model_tokens_total", Map.of("role", "planner", "direction", "in")))
                .isZero();
    }

    @Test
    void outcomesAreCountedByName() {
        String before = scrape();

        metrics.outcome("verdicts", "verified");
        metrics.outcome("verdicts", "verified");
        metrics.outcome("planner_verdicts", "replayed");

        String after = scrape();
        assertThat(moved(before, after, "ratchet_verdicts_total", Map.of("outcome", "verified"))).isEqualTo(2);
        assertThat(moved(before, after, "ratchet_planner_verdicts_total", Map.of("outcome", "replayed")))
                .isEqualTo(1);
    }

    private static double moved(String before, String after, String name, Map<String, String> labels) {
        return Meters.value(after, name, labels) - Meters.value(before, name, labels);
    }

    private static String scrape() {
        return given().get("/q/metrics").then().statusCode(200).extract().asString();
    }
}

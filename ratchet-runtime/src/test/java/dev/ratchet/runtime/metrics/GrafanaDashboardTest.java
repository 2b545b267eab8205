package dev.ratchet.runtime.metrics;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.ratchet.core.event.Topics;
import dev.ratchet.runtime.Samples;
import dev.ratchet.testing.KafkaProbe;
import dev.ratchet.testing.KafkaResource;
import dev.ratchet.testing.Meters;
import dev.ratchet.testing.RedisResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * The Grafana dashboard (docs/grafana/ratchet.json) queries only what a service really exports: every metric name
 * in its queries is in a running service's {@code /q/metrics} once each Ratchet meter has recorded and a poison
 * record has been dead-lettered (the Kafka clients' own meters: records sent per topic, consumer lag).
 */
@QuarkusTest
@WithTestResource(KafkaResource.class)
@WithTestResource(RedisResource.class)
class GrafanaDashboardTest {

    static final Path DASHBOARD = Path.of("..", "docs", "grafana", "ratchet.json");
    /** A metric name in PromQL: what Ratchet's and the Kafka clients' meters are called. */
    static final Pattern METRIC = Pattern.compile("\\b(?:ratchet|kafka)_[a-z0-9_]+");

    @Inject
    RatchetMetrics metrics;

    @Test
    void everyMetricTheDashboardQueriesIsExported() throws IOException {
        Set<String> queried = queriedMetrics();
        assertThat(queried).as("the dashboard's panels").contains("ratchet_stage_seconds_bucket",
                "ratchet_hop_seconds_bucket", "ratchet_verdicts_total", "ratchet_planner_verdicts_total",
                "ratchet_model_tokens_total");

        metrics.hop(RatchetMetrics.HOP_EXECUTED_TO_VERIFIER, System.currentTimeMillis());
        metrics.stage("verify", Duration.ofMillis(10));
        metrics.tokens("executor", 1, 1);
        metrics.outcome("verdicts", "verified");
        metrics.outcome("planner_verdicts", "applied");
        String session = UUID.randomUUID().toString();
        KafkaProbe.shared().sendRaw(Topics.SESSIONS_EVENTS, session, "not json",
                KafkaProbe.ceHeaders(Samples.created(session)));

        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> assertThat(exported()).containsAll(queried));
    }

    private static Set<String> queriedMetrics() throws IOException {
        Set<String> names = new TreeSet<>();
        for (JsonNode panel : new ObjectMapper().readTree(Files.readString(DASHBOARD)).get("panels")) {
            for (JsonNode target : panel.get("targets")) {
                Matcher m = METRIC.matcher(target.get("expr").asText());
                while (m.find()) {
                    names.add(m.group());
                }
            }
        }
        return names;
    }

    private static Set<String> exported() {
        String scrape = given().get("/q/metrics").then().statusCode(200).extract().asString();
        return Meters.samples(scrape).stream().map(Meters.Sample::name).collect(Collectors.toSet());
    }
}

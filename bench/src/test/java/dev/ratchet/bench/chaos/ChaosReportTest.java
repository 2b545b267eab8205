package dev.ratchet.bench.chaos;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;

import dev.ratchet.bench.Machine;
import dev.ratchet.core.json.Json;

class ChaosReportTest {

    @TempDir
    Path dir;

    @Test
    void writesTheAgreedFiguresToTheJsonAndATableToTheMarkdown() throws Exception {
        Recovery.Summary recovery = Recovery.summarize(List.of(
                new Recovery.Sample("executor-1", 1_000, Optional.of(7.2), 2),
                new Recovery.Sample("planner-service", 2_000, Optional.of(4.1), 5)));
        ChaosResult result = new ChaosResult(ChaosSettings.fullRun(), 42, Instant.parse("2026-11-28T10:00:00Z"),
                612.4, new ChaosChecker.Verdicts(20, 20, 0, 0, 0, List.of()), Map.of("planner-service", 4),
                Map.of("redis", 1, "kafka", 1), 12, 12, List.of(), recovery, List.of("  31.0s kill executor-1"),
                List.of());
        ChaosReport report = new ChaosReport(result, new Machine(2, "24 GiB", "OpenJDK 17"),
                "./ratchet chaos --seed 42");

        Path file = report.writeJson(dir);
        report.appendMarkdown(dir.resolve("BENCHMARKS.md"));

        assertThat(file.getFileName().toString()).isEqualTo("2026-11-28-chaos.json");
        JsonNode json = Json.mapper().readTree(Files.readString(file));
        assertThat(json.path("sessions").asInt()).isEqualTo(20);
        assertThat(json.path("completed").asInt()).isEqualTo(20);
        assertThat(json.path("lost").asInt()).isZero();
        assertThat(json.path("duplicated").asInt()).isZero();
        assertThat(json.path("stuck").asInt()).isZero();
        assertThat(json.path("kills").path("planner-service").asInt()).isEqualTo(4);
        assertThat(json.path("restarts").path("kafka").asInt()).isEqualTo(1);
        assertThat(json.path("poison_sent").asInt()).isEqualTo(12);
        assertThat(json.path("poison_dead_lettered").asInt()).isEqualTo(12);
        assertThat(json.path("recovery_s").path("p50").asDouble()).isEqualTo(5.65);
        assertThat(json.path("recovery_s").path("max").asDouble()).isEqualTo(7.2);
        assertThat(json.path("recovery_s").path("samples")).hasSize(2);
        assertThat(json.path("recovery_s").path("samples").get(0).path("seconds").asDouble()).isEqualTo(7.2);
        assertThat(json.path("seed").asLong()).isEqualTo(42);
        assertThat(json.path("duration_s").asDouble()).isEqualTo(612.4);
        assertThat(json.path("machine").path("cores").asInt()).isEqualTo(2);
        String md = Files.readString(dir.resolve("BENCHMARKS.md"));
        assertThat(md).contains("## Chaos run of 2026-11-28T10:00:00Z", "`./ratchet chaos --seed 42` on 2 cores",
                "| `lost` | 0 | 0 |", "| `recovery_s.p50` | 5.7 s (2 samples) | ≤ 10.0 s |",
                "Recovery by service (s): executor-1 7.2; planner-service 4.1.");
    }
}

package dev.ratchet.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;

import dev.ratchet.core.json.Json;

class ResultsTest {

    @TempDir
    Path dir;

    @Test
    void writesTheAgreedJsonShapeAndAppendsAMarkdownTable() throws Exception {
        Figures figures = new Figures();
        figures.add("overhead_ratio.e1.1000tps", 1.02, "ratio");
        figures.add("overhead_ratio.e1.1000tps", 1.04, "ratio");
        Results results = new Results(dir.resolve("results"), dir.resolve("BENCHMARKS.md"),
                Instant.parse("2026-11-28T10:00:00Z"), new Machine(2, "24 GiB", "OpenJDK 17"), "./ratchet bench");
        ScenarioResult scenario = new ScenarioResult("overhead", "1. Overhead", Map.of("sessions", 8), figures);

        Path file = results.writeJson(scenario);
        results.appendMarkdown(List.of(scenario));
        results.appendMarkdown(List.of(scenario));

        assertThat(file.getFileName().toString()).isEqualTo("2026-11-28-overhead.json");
        JsonNode json = Json.mapper().readTree(Files.readString(file));
        assertThat(json.path("scenario").asText()).isEqualTo("overhead");
        assertThat(json.path("machine").path("cores").asInt()).isEqualTo(2);
        assertThat(json.path("settings").path("sessions").asInt()).isEqualTo(8);
        JsonNode figure = json.path("figures").path("overhead_ratio.e1.1000tps");
        assertThat(figure.path("min").asDouble()).isEqualTo(1.02);
        assertThat(figure.path("median").asDouble()).isEqualTo(1.03);
        assertThat(figure.path("max").asDouble()).isEqualTo(1.04);
        assertThat(figure.path("unit").asText()).isEqualTo("ratio");
        assertThat(figure.path("runs").asInt()).isEqualTo(2);
        String md = Files.readString(dir.resolve("BENCHMARKS.md"));
        assertThat(md).contains("| `overhead_ratio.e1.1000tps` | 1.020 | 1.030 | 1.040 | ratio | 2 | ≤ 1.050 | met |");
        assertThat(md.split("## Run of ", -1)).hasSize(3);
    }
}

package dev.ratchet.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.ratchet.core.json.Json;

/**
 * Writes each scenario's figures to {@code <dir>/<date>-<scenario>.json} and appends one Markdown section with a
 * table per scenario to the benchmarks document.
 */
public final class Results {

    private final Path dir;
    private final Path markdown;
    private final Instant startedAt;
    private final Machine machine;
    private final String command;

    public Results(Path dir, Path markdown, Instant startedAt, Machine machine, String command) {
        this.dir = dir;
        this.markdown = markdown;
        this.startedAt = startedAt;
        this.machine = machine;
        this.command = command;
    }

    public Path writeJson(ScenarioResult result) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("scenario", result.scenario());
        json.put("startedAt", startedAt.toString());
        json.put("machine", Map.of("cores", machine.cores(), "memory", machine.memory(), "jvm", machine.jvm()));
        json.put("settings", result.settings());
        Map<String, Object> figures = new LinkedHashMap<>();
        result.figures().summaries().forEach((name, s) -> figures.put(name, Map.of("min", round(s.min()),
                "median", round(s.median()), "max", round(s.max()), "unit", s.unit(), "runs", s.runs())));
        json.put("figures", figures);
        Path file = dir.resolve(LocalDate.ofInstant(startedAt, ZoneOffset.UTC) + "-" + result.scenario() + ".json");
        write(file, Json.write(json) + "\n", false);
        return file;
    }

    public void appendMarkdown(List<ScenarioResult> results) {
        StringBuilder md = new StringBuilder("\n## Run of ").append(startedAt).append("\n\n")
                .append("`").append(command).append("` on ").append(machine.cores()).append(" cores, ")
                .append(machine.memory()).append(", ").append(machine.jvm()).append(".\n");
        for (ScenarioResult result : results) {
            Map<String, Figures.Summary> all = result.figures().summaries();
            md.append("\n### ").append(result.title()).append("\n\nSettings: ");
            result.settings().forEach((k, v) -> md.append('`').append(k).append('=').append(v).append("` "));
            md.append("\n\n| figure | min | median | max | unit | runs | target | |\n|---|---|---|---|---|---|---|---|\n");
            all.forEach((name, s) -> {
                var target = Targets.of(name);
                md.append("| `").append(name).append("` | ").append(Targets.fmt(s.min())).append(" | ")
                        .append(Targets.fmt(s.median())).append(" | ").append(Targets.fmt(s.max())).append(" | ")
                        .append(s.unit()).append(" | ").append(s.runs()).append(" | ")
                        .append(target.map(Targets.Target::describe).orElse("")).append(" | ")
                        .append(target.map(t -> Targets.verdict(t, s.median(), all)).orElse("")).append(" |\n");
            });
        }
        write(markdown, md.toString(), true);
    }

    private static double round(double v) {
        return Math.round(v * 1000) / 1000.0;
    }

    /** Writes (or appends to) a results file, creating its directory. */
    public static void write(Path file, String text, boolean append) {
        try {
            Files.createDirectories(file.getParent());
            if (append) {
                Files.writeString(file, text, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
            } else {
                Files.writeString(file, text);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }
}

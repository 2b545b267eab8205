package dev.ratchet.bench.chaos;

import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Collectors;

import dev.ratchet.bench.Machine;
import dev.ratchet.bench.Results;
import dev.ratchet.core.json.Json;

/**
 * A chaos run's results: {@code <dir>/<date>-chaos.json}, a Markdown section appended to the benchmarks document,
 * and the summary printed at the end. The field names are the ones bench/README.md defines.
 */
public final class ChaosReport {

    /** The target of issue 6's "Done when": a killed service's sessions move again within 10 s at the median. */
    static final double RECOVERY_P50_TARGET_S = 10;

    private final ChaosResult result;
    private final Machine machine;
    private final String command;

    public ChaosReport(ChaosResult result, Machine machine, String command) {
        this.result = result;
        this.machine = machine;
        this.command = command;
    }

    public Map<String, Object> json() {
        ChaosChecker.Verdicts v = result.verdicts();
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("scenario", "chaos");
        json.put("command", command);
        json.put("startedAt", result.startedAt().toString());
        json.put("duration_s", round(result.durationS()));
        json.put("machine", Map.of("cores", machine.cores(), "memory", machine.memory(), "jvm", machine.jvm()));
        json.put("seed", result.seed());
        Map<String, Object> settings = new LinkedHashMap<>(result.settings().describe());
        settings.put("executors", 2);
        settings.put("scenario", "examples/scenarios/textstats-demo.json (3 steps, step 2 rejected once)");
        json.put("settings", settings);
        json.put("sessions", v.sessions());
        json.put("completed", v.completed());
        json.put("lost", v.lost());
        json.put("duplicated", v.duplicated());
        json.put("stuck", v.stuck());
        json.put("kills", result.kills());
        json.put("restarts", result.restarts());
        json.put("poison_sent", result.poisonSent());
        json.put("poison_dead_lettered", result.poisonDeadLettered());
        json.put("poison_missing", result.poisonMissing());
        Recovery.Summary r = result.recovery();
        Map<String, Object> recovery = new LinkedHashMap<>();
        recovery.put("p50", round(r.p50()));
        recovery.put("max", round(r.max()));
        recovery.put("unrecovered", r.unrecovered());
        recovery.put("samples", r.samples().stream().map(ChaosReport::sample).toList());
        json.put("recovery_s", recovery);
        json.put("findings", v.findings().stream().map(Finding::toString).toList());
        json.put("fault_failures", result.faultFailures());
        json.put("faults", result.faults());
        return json;
    }

    public Path writeJson(Path dir) {
        Path file = dir.resolve(LocalDate.ofInstant(result.startedAt(), ZoneOffset.UTC) + "-chaos.json");
        Results.write(file, Json.write(json()) + "\n", false);
        return file;
    }

    public void appendMarkdown(Path markdown) {
        Results.write(markdown, markdown(), true);
    }

    String markdown() {
        ChaosChecker.Verdicts v = result.verdicts();
        Recovery.Summary r = result.recovery();
        StringBuilder md = new StringBuilder("\n## Chaos run of ").append(result.startedAt()).append("\n\n`")
                .append(command).append("` on ").append(machine.cores()).append(" cores, ").append(machine.memory())
                .append(", ").append(machine.jvm()).append(String.format(Locale.ROOT, "; %.0f s in all.%n%n",
                        result.durationS()));
        md.append("| figure | value | target |\n|---|---|---|\n");
        row(md, "sessions", Integer.toString(v.sessions()), "");
        row(md, "completed", Integer.toString(v.completed()), "all " + v.sessions());
        row(md, "lost", Integer.toString(v.lost()), "0");
        row(md, "duplicated", Integer.toString(v.duplicated()), "0");
        row(md, "stuck", Integer.toString(v.stuck()), "0");
        row(md, "kills", counts(result.kills()) + " (" + result.totalKills() + ")", "each several times, ≥ 15");
        row(md, "restarts", counts(result.restarts()), "1 each");
        row(md, "poison_dead_lettered", result.poisonDeadLettered() + " of " + result.poisonSent() + " sent",
                "all");
        row(md, "recovery_s.p50", fmt(r.p50()) + " s (" + (r.samples().size() - r.unrecovered()) + " samples)",
                "≤ " + fmt(RECOVERY_P50_TARGET_S) + " s");
        row(md, "recovery_s.max", fmt(r.max()) + " s", "");
        md.append("\nRecovery by service (s): ").append(byService(r)).append(".\n");
        if (!v.findings().isEmpty()) {
            md.append("\nFindings:\n\n");
            v.findings().forEach(f -> md.append("- ").append(f).append('\n'));
        }
        md.append("\n`lost`, `duplicated` and `stuck` are defined in [bench/README.md](../bench/README.md#chaos); ")
                .append("the schedule, every fault with its outcome, and every recovery sample are in ")
                .append("`bench/results/").append(LocalDate.ofInstant(result.startedAt(), ZoneOffset.UTC))
                .append("-chaos.json`.\n");
        return md.toString();
    }

    public void printSummary(Consumer<String> out) {
        ChaosChecker.Verdicts v = result.verdicts();
        Recovery.Summary r = result.recovery();
        out.accept("chaos summary (seed " + result.seed() + "):");
        out.accept("  sessions " + v.sessions() + ", completed " + v.completed() + ", lost " + v.lost()
                + ", duplicated " + v.duplicated() + ", stuck " + v.stuck());
        out.accept("  kills " + counts(result.kills()) + " (" + result.totalKills() + "), restarts "
                + counts(result.restarts()));
        out.accept("  poison dead-lettered " + result.poisonDeadLettered() + " of " + result.poisonSent()
                + (result.poisonMissing().isEmpty() ? "" : "; missing: " + result.poisonMissing()));
        out.accept("  recovery_s p50 " + fmt(r.p50()) + ", max " + fmt(r.max()) + " over "
                + (r.samples().size() - r.unrecovered()) + " kills" + (r.unrecovered() == 0 ? ""
                        : "; " + r.unrecovered() + " kills whose sessions never moved again") + " (target p50 ≤ "
                + fmt(RECOVERY_P50_TARGET_S) + " s, reported, not asserted)");
        result.faultFailures().forEach(f -> out.accept("  fault not carried out: " + f));
        v.findings().forEach(f -> out.accept("  " + f));
    }

    private static Map<String, Object> sample(Recovery.Sample s) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("service", s.service());
        m.put("killedAt", Instant.ofEpochMilli(s.killedAtMs()).toString());
        m.put("seconds", s.seconds().map(ChaosReport::round).orElse(null));
        m.put("sessions", s.sessions());
        return m;
    }

    private static String byService(Recovery.Summary r) {
        Map<String, List<String>> by = new LinkedHashMap<>();
        for (Recovery.Sample s : r.samples()) {
            by.computeIfAbsent(s.service(), k -> new ArrayList<>()).add(s.seconds().map(ChaosReport::fmt)
                    .orElse("never"));
        }
        return by.isEmpty() ? "no kill hit a session" : by.entrySet().stream()
                .map(e -> e.getKey() + " " + String.join(", ", e.getValue())).collect(Collectors.joining("; "));
    }

    private static String counts(Map<String, Integer> counts) {
        return counts.entrySet().stream().map(e -> e.getKey() + " " + e.getValue())
                .collect(Collectors.joining(", "));
    }

    private static void row(StringBuilder md, String figure, String value, String target) {
        md.append("| `").append(figure).append("` | ").append(value).append(" | ").append(target).append(" |\n");
    }

    private static String fmt(double v) {
        return Double.isNaN(v) ? "n/a" : String.format(Locale.ROOT, "%.1f", v);
    }

    private static Double round(double v) {
        return Double.isNaN(v) ? null : Math.round(v * 1000) / 1000.0;
    }
}

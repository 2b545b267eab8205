package dev.ratchet.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import dev.ratchet.core.guardrail.GuardedApply;
import dev.ratchet.core.guardrail.Guardrails;
import dev.ratchet.core.patch.DiskRepo;
import dev.ratchet.core.patch.Edits;

/**
 * Patch parse + apply throughput, no cluster: core's {@code Edits.parse} then {@code GuardedApply} under the default
 * guardrails on a 2,000-line file in a real directory, for a one-hunk change in each of the three edit formats and a
 * 20-hunk apply_patch envelope. "check" plans the change in memory (what the verifier's review does); "apply" also
 * writes it and writes the original back (what the executor's apply_patch does, plus the restore). Reported, never
 * asserted: {@code bench/results/<date>-patch-throughput.json}.
 * <p>
 * Run: {@code java -cp bench/target/classes:$(cat bench/target/bench.classpath) dev.ratchet.bench.PatchThroughput}
 * {@code [--quick]}.
 */
public final class PatchThroughput {

    private static final String FILE = "src/module.py";
    /** 2,000 lines: a large source file, ten times the 200-line files a step usually touches. */
    private static final int LINES = 2_000;
    private static final int HUNKS = 20;

    private PatchThroughput() {
    }

    public static void main(String[] args) throws IOException {
        boolean quick = List.of(args).contains("--quick");
        RunLength run = new RunLength(quick ? 200 : 2_000, quick ? 2 : 5);
        Path dir = Files.createTempDirectory("ratchet-patch-bench-");
        String original = IntStream.range(0, LINES).mapToObj(i -> "    value_" + i + " = compute(" + i + ")")
                .collect(Collectors.joining("\n", "", "\n"));
        Files.createDirectories(dir.resolve("src"));
        Files.writeString(dir.resolve(FILE), original);
        DiskRepo repo = new DiskRepo(dir);

        Map<String, String> patches = new LinkedHashMap<>();
        patches.put("apply_patch", envelope(1));
        patches.put("unified_diff", "--- a/" + FILE + "\n+++ b/" + FILE + "\n@@ -1000,3 +1000,3 @@\n"
                + "     value_999 = compute(999)\n-    value_1000 = compute(1000)\n+    value_1000 = compute(-1000)\n"
                + "     value_1001 = compute(1001)\n");
        patches.put("search_replace", FILE + "\n<<<<<<< SEARCH\n    value_1000 = compute(1000)\n=======\n"
                + "    value_1000 = compute(-1000)\n>>>>>>> REPLACE\n");
        patches.put("apply_patch_20_hunks", envelope(HUNKS));

        Figures figures = new Figures();
        for (Map.Entry<String, String> patch : patches.entrySet()) {
            String text = patch.getValue();
            Runnable check = () -> GuardedApply.check(Edits.parse(text), repo, repo, Guardrails.DEFAULTS);
            Runnable apply = () -> {
                GuardedApply.apply(Edits.parse(text), repo, repo, Guardrails.DEFAULTS);
                repo.write(FILE, original);
            };
            measure(figures, "patch_check_per_s." + patch.getKey(), check, run);
            measure(figures, "patch_apply_per_s." + patch.getKey(), apply, run);
        }
        Map<String, Object> settings = new LinkedHashMap<>();
        settings.put("file_lines", LINES);
        settings.put("run_ms", run.millis());
        settings.put("runs", run.runs());
        settings.put("guardrails", "defaults");
        Path results = Path.of(System.getProperty("ratchet.home", ".")).resolve(quick ? "bench/results/quick"
                : "bench/results");
        Files.createDirectories(results);
        Path file = new Results(results, null, Instant.now(), Machine.current(),
                "PatchThroughput" + (quick ? " --quick" : "")).writeJson(new ScenarioResult("patch-throughput",
                "Patch parse + apply throughput", settings, figures));
        figures.summaries().forEach((name, s) -> System.out.printf(Locale.ROOT, "%-40s %12.0f %s (median of %d)%n",
                name, s.median(), s.unit(), s.runs()));
        System.out.println("results: " + file);
    }

    /** One {@code *** Update File} with {@code hunks} one-line changes 90 lines apart, each with an anchor. */
    private static String envelope(int hunks) {
        StringBuilder patch = new StringBuilder("*** Begin Patch\n*** Update File: " + FILE + "\n");
        for (int h = 0; h < hunks; h++) {
            int at = 1000 - (hunks / 2) * 90 + h * 90;
            patch.append("@@\n     value_").append(at - 1).append(" = compute(").append(at - 1).append(")\n")
                    .append("-    value_").append(at).append(" = compute(").append(at).append(")\n")
                    .append("+    value_").append(at).append(" = compute(-").append(at).append(")\n")
                    .append("     value_").append(at + 1).append(" = compute(").append(at + 1).append(")\n");
        }
        return patch.append("*** End Patch\n").toString();
    }

    /** Warms up for one run's time, then records operations per second in each of {@code runs} timed runs. */
    private static void measure(Figures figures, String name, Runnable op, RunLength run) {
        loop(op, run.millis());
        for (int i = 0; i < run.runs(); i++) {
            long start = System.nanoTime();
            long ops = loop(op, run.millis());
            figures.add(name, ops / ((System.nanoTime() - start) / 1e9), "ops/s");
        }
    }

    private static long loop(Runnable op, long millis) {
        long end = System.nanoTime() + millis * 1_000_000;
        long ops = 0;
        while (System.nanoTime() < end) {
            op.run();
            ops++;
        }
        return ops;
    }

    private record RunLength(long millis, int runs) {
    }
}

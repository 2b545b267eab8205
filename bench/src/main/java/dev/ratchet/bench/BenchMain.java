package dev.ratchet.bench;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

import dev.ratchet.local.LocalLayout;

/**
 * {@code ./ratchet bench [--quick]}: runs every scenario against the local cluster with the simulated model and
 * writes the figures. Slowness never fails it (targets are reported, not asserted); only errors do.
 */
public final class BenchMain {

    private BenchMain() {
    }

    public static void main(String[] args) {
        boolean quick = List.of(args).contains("--quick");
        if (args.length > (quick ? 1 : 0)) {
            System.err.println("usage: ./ratchet bench [--quick]");
            System.exit(64);
        }
        BenchSettings settings = quick ? BenchSettings.quickRun() : BenchSettings.fullRun();
        LocalLayout layout = LocalLayout.fromEnvironment();
        Instant started = Instant.now();
        Path workDir = layout.stateDir().resolve("bench");
        LocalLayout.deleteTree(workDir);
        System.out.println("ratchet bench" + (quick ? " --quick" : "") + ": model SIMULATED, results in "
                + BenchLayout.resultsDir(layout, quick));
        try {
            List<ScenarioResult> results = new Bench(settings, layout, workDir, System.out::println).run();
            Results writer = new Results(BenchLayout.resultsDir(layout, quick), BenchLayout.markdown(layout, quick),
                    started, Machine.current(), "./ratchet bench" + (quick ? " --quick" : ""));
            for (ScenarioResult result : results) {
                System.out.println("wrote " + writer.writeJson(result));
            }
            writer.appendMarkdown(results);
            System.out.println("appended tables to " + BenchLayout.markdown(layout, quick));
            Summary.print(results, System.out::println);
            System.exit(0);
        } catch (RuntimeException e) {
            System.err.println("bench failed: " + e);
            e.printStackTrace();
            System.exit(1);
        }
    }
}

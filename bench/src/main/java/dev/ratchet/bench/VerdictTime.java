package dev.ratchet.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import dev.ratchet.core.event.BlobRef;
import dev.ratchet.core.event.Check;
import dev.ratchet.core.guardrail.Guardrails;
import dev.ratchet.local.LocalLayout;
import dev.ratchet.local.MavenSampleRepository;
import dev.ratchet.workspace.Git;
import dev.ratchet.workspace.ProcessRunner;
import dev.ratchet.workspace.Workspaces;
import dev.ratchet.workspace.browser.BrowserChecks;
import dev.ratchet.workspace.sandbox.SandboxConfig;
import dev.ratchet.workspace.sandbox.SandboxRunner;
import dev.ratchet.workspace.verify.AttemptVerifier;
import dev.ratchet.workspace.verify.CheckCache;
import dev.ratchet.workspace.verify.StagedChecks;

/**
 * Time to verdict for a one-line change on the Maven sample, no cluster: the verifier's own {@link AttemptVerifier}
 * (workspace at the base commit, guardrail review, {@code git apply}, the check in the sandbox with the default
 * limits) against running the same check command directly in a fresh clone with the patch applied, as this user,
 * unsandboxed. Each run changes a different line, so no run can reuse another's result; the direct and sandboxed
 * runs alternate so that a busy moment of the machine hits both. Then the verdict time on a verification-cache hit:
 * the same patch again, the check's result found by its tree (the cache is a map here; the verifier's is Redis,
 * one round trip more). Reported, never asserted: {@code bench/results/<date>-verdict-time.json}.
 * <p>
 * Run: {@code java -cp bench/target/classes:$(cat bench/target/bench.classpath) -Dratchet.home=.
 * dev.ratchet.bench.VerdictTime [--quick]}.
 */
public final class VerdictTime {

    private static final String FILE = "src/main/java/sample/Slug.java";
    private static final String SESSION = "bench-verdict-time";
    /** Maven's start, compile and a forked test JVM take about 6 s here; 180 s leaves room for a loaded machine. */
    private static final int CHECK_TIMEOUT_SECONDS = 180;

    private VerdictTime() {
    }

    public static void main(String[] args) throws IOException {
        boolean quick = List.of(args).contains("--quick");
        int runs = quick ? 2 : 5;
        LocalLayout layout = LocalLayout.fromEnvironment();
        Path mavenRepository = MavenSampleRepository.prepare(layout, System.out::println);
        Path root = Files.createTempDirectory("ratchet-verdict-bench-");
        Path repo = MavenSampleRepository.copyCommitted(layout, root.resolve("maven-sample"));
        String base = Git.headCommit(repo);
        Check check = new Check("maven-test", MavenSampleRepository.testCommand(mavenRepository),
                CHECK_TIMEOUT_SECONDS);

        Figures figures = new Figures();
        try (SandboxRunner sandbox = new SandboxRunner(SandboxConfig.defaults())) {
            BrowserChecks browser = new BrowserChecks(sandbox, Optional.empty());
            Workspaces workspaces = new Workspaces(root.resolve("work"), Duration.ofHours(1));
            AttemptVerifier uncached = verifier(workspaces, sandbox, browser, CheckCache.NONE);
            // One unmeasured run of each first: the page cache, and Maven's and the JDK's class data, warm up.
            direct(repo, root, patch(0), check);
            verdict(uncached, repo, base, patch(0), check);
            for (int run = 1; run <= runs; run++) {
                String patch = patch(run);
                double direct;
                double sandboxed;
                if (run % 2 == 1) {
                    direct = direct(repo, root, patch, check);
                    sandboxed = verdict(uncached, repo, base, patch, check);
                } else {
                    sandboxed = verdict(uncached, repo, base, patch, check);
                    direct = direct(repo, root, patch, check);
                }
                figures.add("verdict_ms.maven_sample.direct", direct, "ms");
                figures.add("verdict_ms.maven_sample.sandboxed", sandboxed, "ms");
                figures.add("verdict_ratio.maven_sample", sandboxed / direct, "x");
            }
            AttemptVerifier cached = verifier(workspaces, sandbox, browser, new MemoryCheckCache());
            String patch = patch(runs + 1);
            figures.add("verdict_ms.maven_sample.cache_miss", verdict(cached, repo, base, patch, check), "ms");
            for (int run = 0; run < runs; run++) {
                figures.add("verdict_ms.maven_sample.cache_hit", verdict(cached, repo, base, patch, check), "ms");
            }
            Map<String, Object> settings = new LinkedHashMap<>();
            settings.put("check", check.command());
            settings.put("isolation", sandbox.isolation().name().toLowerCase(Locale.ROOT));
            settings.put("limits", sandbox.limits().toString());
            settings.put("runs", runs);
            write(quick, settings, figures);
        } finally {
            LocalLayout.deleteTree(root);
        }
    }

    private static AttemptVerifier verifier(Workspaces workspaces, SandboxRunner sandbox, BrowserChecks browser,
            CheckCache cache) {
        return new AttemptVerifier(workspaces, new StagedChecks(sandbox, browser, cache, 4096, "bench"));
    }

    /** Milliseconds from the request to the verifier's decision, which must be "verified". */
    private static double verdict(AttemptVerifier verifier, Path repo, String base, String patch, Check check) {
        long start = System.nanoTime();
        AttemptVerifier.Outcome outcome = verifier.verify(new AttemptVerifier.Request(SESSION, repo.toString(), base,
                List.of(), patch, Guardrails.DEFAULTS, List.of(check)), content -> BlobRef.of(SESSION, content),
                () -> false);
        double millis = (System.nanoTime() - start) / 1e6;
        if (!outcome.verified()) {
            throw new IllegalStateException("the bench's patch was not verified: " + outcome.reason() + "\n"
                    + outcome.detail());
        }
        return millis;
    }

    /** Milliseconds of the check command alone, in a fresh clone with the patch applied, unsandboxed. */
    private static double direct(Path repo, Path root, String patch, Check check) throws IOException {
        Path clone = Files.createTempDirectory(root, "direct-");
        try {
            Git.run(root, "clone", "-q", repo.toString(), clone.toString());
            Git.runWithInput(clone, patch, "apply", "-");
            long start = System.nanoTime();
            ProcessRunner.Result result = ProcessRunner.run(List.of("sh", "-c", check.command()), clone,
                    Duration.ofSeconds(check.timeoutSeconds()), null, 64 * 1024);
            double millis = (System.nanoTime() - start) / 1e6;
            if (!result.ok()) {
                throw new IllegalStateException("the check failed when run directly: " + result.output());
            }
            return millis;
        } finally {
            LocalLayout.deleteTree(clone);
        }
    }

    /** A one-line change of the class comment, different for each run. */
    static String patch(int run) {
        return "--- a/" + FILE + "\n+++ b/" + FILE + "\n@@ -4,3 +4,3 @@\n \n"
                + "-/** URL slugs: lower-case words of letters and digits joined by hyphens. */\n"
                + "+/** URL slugs (bench run " + run + "): lower-case words of letters and digits joined by hyphens."
                + " */\n"
                + " public final class Slug {\n";
    }

    private static void write(boolean quick, Map<String, Object> settings, Figures figures) {
        Path results = Path.of(System.getProperty("ratchet.home", ".")).resolve(quick ? "bench/results/quick"
                : "bench/results");
        Path file = new Results(results, null, Instant.now(), Machine.current(),
                "VerdictTime" + (quick ? " --quick" : "")).writeJson(new ScenarioResult("verdict-time",
                "Time to verdict on the Maven sample", settings, figures));
        Map<String, Figures.Summary> all = figures.summaries();
        all.forEach((name, s) -> System.out.printf(Locale.ROOT, "%-40s %10.2f %s (median of %d)%s%n", name,
                s.median(), s.unit(), s.runs(), Targets.of(name).map(t -> "  target " + t.describe() + ": "
                        + Targets.verdict(t, s.median(), all)).orElse("")));
        System.out.println("results: " + file);
    }
}

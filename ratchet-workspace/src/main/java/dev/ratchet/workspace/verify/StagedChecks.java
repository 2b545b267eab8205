package dev.ratchet.workspace.verify;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.function.BooleanSupplier;

import dev.ratchet.core.checks.LintFindings;
import dev.ratchet.core.checks.VerifyCacheKey;
import dev.ratchet.core.event.BlobRef;
import dev.ratchet.core.event.Check;
import dev.ratchet.core.event.CheckResult;
import dev.ratchet.core.timing.PhaseClock;
import dev.ratchet.workspace.browser.BrowserChecks;
import dev.ratchet.workspace.browser.BrowserRun;
import dev.ratchet.workspace.sandbox.CheckContext;
import dev.ratchet.workspace.sandbox.CheckRunner;
import dev.ratchet.workspace.sandbox.SandboxResult;
import dev.ratchet.workspace.sandbox.SandboxRunner;

/**
 * Runs a step's checks in the order given (the caller orders them by stage) and stops at the first failure: a
 * command check through its {@link CheckRunner} (the {@link SandboxRunner}, or a Kubernetes Job), a browser check through {@link BrowserChecks}, each looked up in the
 * verification cache first, so an identical tree is never checked twice. The whole captured output and the
 * screenshots become blobs ({@link Artifacts}); a result carries only the end of the output, and a lint check's
 * findings counted on the whole capture ({@link LintFindings}; a cached result is counted again on its output).
 */
public final class StagedChecks {

    private final SandboxRunner sandbox;
    private final CheckRunner commands;
    private final BrowserChecks browser;
    private final CheckCache cache;
    private final int tailBytes;
    private final String verifier;

    /**
     * @param tailBytes how much of the output's end a result carries (the rest is in its blob)
     * @param verifier who runs the checks, recorded in the cache
     */
    public StagedChecks(SandboxRunner sandbox, BrowserChecks browser, CheckCache cache, int tailBytes,
            String verifier) {
        this(sandbox, sandbox, browser, cache, tailBytes, verifier);
    }

    /**
     * @param commands runs the command checks; browser checks stay in {@code sandbox}, on this machine
     */
    public StagedChecks(SandboxRunner sandbox, CheckRunner commands, BrowserChecks browser, CheckCache cache,
            int tailBytes, String verifier) {
        this.sandbox = sandbox;
        this.commands = commands;
        this.browser = browser;
        this.cache = cache;
        this.tailBytes = tailBytes;
        this.verifier = verifier;
    }

    /**
     * @param tree the id of the tree the workspace holds ({@code git write-tree})
     * @param stopped true once the work is no longer this verifier's: no further check starts
     * @throws VerificationStoppedException when {@code stopped} says so between checks
     */
    public List<CheckResult> run(List<Check> checks, Path workspace, String tree, Artifacts artifacts,
            BooleanSupplier stopped) {
        return run(checks, workspace, tree, artifacts, CheckContext.of("", stopped));
    }

    /**
     * {@link #run(List, Path, String, Artifacts, BooleanSupplier)} for the attempt {@code context} names; a runner
     * may also end a check early once {@code context.stopped()} says so (its result then does not count).
     */
    public List<CheckResult> run(List<Check> checks, Path workspace, String tree, Artifacts artifacts,
            CheckContext context) {
        List<CheckResult> results = new ArrayList<>();
        for (Check check : checks) {
            if (context.stopped().getAsBoolean()) {
                throw new VerificationStoppedException("stopped before check " + check.name());
            }
            CheckResult result = runOne(check, workspace, tree, artifacts, context);
            results.add(result);
            if (result.failed()) {
                break;
            }
        }
        return List.copyOf(results);
    }

    private CheckResult runOne(Check check, Path workspace, String tree, Artifacts artifacts, CheckContext context) {
        String key = VerifyCacheKey.of(tree, check, check.browser() == null ? commands.environmentFingerprint()
                : sandbox.environmentFingerprint() + "\n" + browser.fingerprint());
        Optional<CachedCheck> hit = cache.find(key);
        PhaseClock.lap("cache-lookup");
        if (hit.isPresent()) {
            CheckResult cached = fromCache(check, hit.get(), artifacts);
            PhaseClock.lap("artifacts");
            return cached;
        }
        SandboxResult ran;
        List<CachedCheck.Shot> shots = List.of();
        if (check.browser() == null) {
            ran = commands.run(check, workspace, context);
        } else {
            BrowserRun run = browser.run(check, workspace);
            if (run.skipped() != null) {
                return CheckResult.skipped(check, run.skipped());
            }
            ran = run.sandbox();
            shots = run.pages().stream().map(p -> new CachedCheck.Shot(p.path(),
                    Base64.getEncoder().encodeToString(p.png()))).toList();
        }
        CheckResult result = new CheckResult(check.name(), check.command(), ran.exitCode(), ran.passed(),
                ran.timedOut(), ran.durationMs(), tail(ran.output(), tailBytes), ran.isolation().label(), null, false,
                null, List.of(), LintFindings.of(check, ran.output()));
        if (!ran.timedOut()) {
            // A timeout says as much about the machine's load as about the tree; everything else is the tree's.
            cache.put(key, new CachedCheck(result, ran.output(), shots, verifier, Instant.now()));
        }
        PhaseClock.lap("cache-write");
        CheckResult stored = stored(result, ran.output(), shots, artifacts, false);
        PhaseClock.lap("artifacts");
        return stored;
    }

    private static CheckResult fromCache(Check check, CachedCheck cached, Artifacts artifacts) {
        CheckResult r = cached.result();
        CheckResult renamed = new CheckResult(check.name(), check.command(), r.exitCode(), r.passed(), r.timedOut(),
                r.durationMs(), r.outputTail(), r.isolation(), null, true, null, List.of(),
                LintFindings.of(check, cached.output()));
        return stored(renamed, cached.output(), cached.screenshots(), artifacts, true);
    }

    /** The result with its output and screenshots stored as blobs of this session. */
    private static CheckResult stored(CheckResult result, String output, List<CachedCheck.Shot> shots,
            Artifacts artifacts, boolean cached) {
        BlobRef outputRef = output == null || output.isEmpty() ? null : artifacts.put(output);
        List<CheckResult.Screenshot> screenshots = shots.stream()
                .map(s -> new CheckResult.Screenshot(s.path(), artifacts.put(s.pngBase64()))).toList();
        return cached ? result.fromCache(outputRef, screenshots)
                : new CheckResult(result.name(), result.command(), result.exitCode(), result.passed(),
                        result.timedOut(), result.durationMs(), result.outputTail(), result.isolation(), outputRef,
                        false, null, screenshots, result.lintFindings());
    }

    /** The results with each output tail cut to its last {@code maxBytes} bytes (for an event that must shrink). */
    public static List<CheckResult> withTails(List<CheckResult> results, int maxBytes) {
        return results.stream().map(r -> new CheckResult(r.name(), r.command(), r.exitCode(), r.passed(),
                r.timedOut(), r.durationMs(), tail(r.outputTail(), maxBytes), r.isolation(), r.output(), r.cached(),
                r.skipped(), r.screenshots(), r.lintFindings())).toList();
    }

    /** The last {@code maxBytes} bytes of {@code text} in UTF-8, cut at a character boundary. */
    public static String tail(String text, int maxBytes) {
        if (text == null) {
            return null;
        }
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        if (bytes.length <= maxBytes) {
            return text;
        }
        int from = bytes.length - maxBytes;
        while (from < bytes.length && (bytes[from] & 0xC0) == 0x80) {
            from++;
        }
        return new String(bytes, from, bytes.length - from, StandardCharsets.UTF_8);
    }
}

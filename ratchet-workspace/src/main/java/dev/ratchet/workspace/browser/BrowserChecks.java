package dev.ratchet.workspace.browser;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import dev.ratchet.core.event.Check;
import dev.ratchet.core.json.Json;
import dev.ratchet.workspace.browser.probe.BrowserProbe;
import dev.ratchet.workspace.sandbox.CheckExtras;
import dev.ratchet.workspace.sandbox.Programs;
import dev.ratchet.workspace.sandbox.SandboxLimits;
import dev.ratchet.workspace.sandbox.SandboxResult;
import dev.ratchet.workspace.sandbox.SandboxRunner;

/**
 * Browser QA checks: the project's server ({@code command}) and a headless Chromium run together in one sandbox,
 * driven by {@link BrowserProbe} over the Chrome DevTools Protocol. With bubblewrap or unshare the sandbox has a
 * network namespace of its own whose only interface is its loopback: the page reaches its own server on 127.0.0.1
 * and nothing else (not the internet, not Ratchet's Redis or Kafka), and the server's port cannot clash with
 * another check's or the host's. That is why the browser runs inside the check's sandbox rather than beside the
 * verifier: outside, it could not reach a server in the sandbox's network, and the server would need the host's.
 * <p>
 * Chromium is the distribution's ({@code apt-get install -y chromium}), never a downloaded browser. Without it a
 * browser check is skipped with the reason, never passed.
 */
public final class BrowserChecks {

    /** Flags every run of Chromium gets; plus a fresh profile directory and the DevTools port. */
    public static final List<String> CHROMIUM_FLAGS = List.of("--headless", "--no-sandbox", "--disable-gpu",
            "--disable-background-networking", "--disable-component-update", "--no-first-run",
            "--disable-dev-shm-usage");
    public static final String INSTALL = "apt-get install -y chromium chromium-driver";
    /**
     * Address space for a browser check: Chromium's V8 reserves its pointer cage and sandbox up front, and does not
     * start under 16 GiB of address space (tried: 4 and 16 GiB fail, 1 TiB starts). CPU time, processes and file
     * size stay limited as for any check.
     */
    public static final long BROWSER_ADDRESS_SPACE = 1L << 40;
    /** How long one page may take to load before it counts as an error. */
    static final int PAGE_SECONDS = 30;
    static final String HOME_DIR = ".ratchet-browser";
    private static final List<String> PROBE_CLASSES = List.of("BrowserProbe", "MiniJson");

    private final SandboxRunner sandbox;
    private final Optional<Path> chromium;
    private final Map<String, byte[]> probeClasses;

    /** @param chromium the Chromium to run, or empty when there is none (checks are then skipped) */
    public BrowserChecks(SandboxRunner sandbox, Optional<Path> chromium) {
        this.sandbox = sandbox;
        this.chromium = chromium;
        this.probeClasses = probeClasses();
    }

    /** Debian's {@code chromium} (or Ubuntu's {@code chromium-browser}) on PATH or in the system directories. */
    public static Optional<Path> findChromium() {
        return Programs.which("chromium").or(() -> Programs.which("chromium-browser"));
    }

    /** What a browser check's result depends on besides the tree, the check and the sandbox: which browser. */
    public String fingerprint() {
        return "chromium=" + chromium.map(Path::toString).orElse("none");
    }

    /** Why browser checks are skipped here, or empty when they run. */
    public Optional<String> unavailable() {
        return chromium.isPresent() ? Optional.empty()
                : Optional.of("chromium is not installed on this verifier, so the browser check did not run ("
                        + INSTALL + ")");
    }

    public BrowserRun run(Check check, Path workspace) {
        Optional<String> unavailable = unavailable();
        if (unavailable.isPresent()) {
            return new BrowserRun(null, unavailable.get(), List.of());
        }
        Map<String, byte[]> home = new HashMap<>(probeClasses);
        home.put(HOME_DIR + "/spec.json", spec(check).getBytes(StandardCharsets.UTF_8));
        SandboxLimits limits = sandbox.limits();
        SandboxResult ran = sandbox.run(new Check(check.name(), wrapper(check), check.timeoutSeconds()), workspace,
                new CheckExtras(home, HOME_DIR + "/out", new SandboxLimits(BROWSER_ADDRESS_SPACE, limits.processes(),
                        limits.fileSizeBytes())));
        List<BrowserRun.Page> pages = new ArrayList<>();
        List<String> paths = check.browser().paths();
        for (int i = 0; i < paths.size(); i++) {
            byte[] png = ran.collected().get("shot-" + i + ".png");
            if (png != null) {
                pages.add(new BrowserRun.Page(paths.get(i), png));
            }
        }
        SandboxResult reported = new SandboxResult(check.name(), check.command(), ran.exitCode(), ran.timedOut(),
                ran.durationMs(), ran.copyMs(), ran.output(), ran.outputBytes(), ran.isolation(), ran.isolationNote(),
                Map.of());
        return new BrowserRun(reported, null, pages);
    }

    /**
     * The check's command line in the sandbox: the server in the background (its output goes with the probe's into
     * the check's output), then the probe in the foreground; when the probe ends, the sandbox ends and takes the
     * server with it.
     */
    private static String wrapper(Check check) {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        return "(\n" + check.command() + "\n) &\nexec '" + java + "' -Xmx96m -Xss512k -XX:+UseSerialGC "
                + "-XX:TieredStopAtLevel=1 -XX:-UsePerfData -cp \"$HOME/" + HOME_DIR + "/classes\" "
                + BrowserProbe.class.getName() + " \"$HOME/" + HOME_DIR + "\"";
    }

    private String spec(Check check) {
        Map<String, Object> spec = new LinkedHashMap<>();
        spec.put("port", check.browser().port());
        spec.put("readySeconds", check.browser().readySeconds());
        spec.put("paths", check.browser().paths());
        spec.put("pageSeconds", PAGE_SECONDS);
        spec.put("chromium", chromium.orElseThrow().toString());
        spec.put("flags", CHROMIUM_FLAGS);
        return Json.write(spec);
    }

    /** The probe's class files, copied into each check's HOME: it runs on the JDK alone, in the sandbox. */
    private static Map<String, byte[]> probeClasses() {
        Map<String, byte[]> classes = new HashMap<>();
        String packagePath = BrowserProbe.class.getPackageName().replace('.', '/');
        for (String name : PROBE_CLASSES) {
            try (InputStream in = BrowserProbe.class.getResourceAsStream(name + ".class")) {
                if (in == null) {
                    throw new IllegalStateException("the browser probe's " + name + ".class is not on the class path");
                }
                classes.put(HOME_DIR + "/classes/" + packagePath + "/" + name + ".class", in.readAllBytes());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return Map.copyOf(classes);
    }
}

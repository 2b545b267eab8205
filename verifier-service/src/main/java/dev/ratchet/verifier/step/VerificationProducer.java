package dev.ratchet.verifier.step;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Disposes;
import jakarta.enterprise.inject.Produces;

import org.jboss.logging.Logger;

import dev.ratchet.workspace.browser.BrowserChecks;
import dev.ratchet.workspace.sandbox.Isolation;
import dev.ratchet.workspace.sandbox.SandboxConfig;
import dev.ratchet.workspace.sandbox.SandboxLimits;
import dev.ratchet.workspace.sandbox.SandboxRunner;
import io.quarkus.runtime.StartupEvent;

/**
 * The verifier's one check sandbox, made at start-up from {@code ratchet.verifier.sandbox.*} (it probes which
 * isolation works here and says so in the log) and closed when the service stops, which kills every running check.
 */
@ApplicationScoped
class VerificationProducer {

    private static final Logger LOG = Logger.getLogger(VerificationProducer.class);

    @Produces
    @ApplicationScoped
    SandboxRunner sandbox(VerifierConfig config) {
        VerifierConfig.Sandbox s = config.sandbox();
        Isolation strongest = Isolation.valueOf(s.isolation().toUpperCase(Locale.ROOT));
        return new SandboxRunner(new SandboxConfig(
                Path.of(s.baseDir().orElse(System.getProperty("java.io.tmpdir"))), strongest,
                new SandboxLimits(s.memoryBytes(), s.processes(), s.fileSizeBytes()), s.captureHeadBytes(),
                s.captureTailBytes(), s.runAsUid(), s.runAsGid(), s.passEnv().orElse(List.of())));
    }

    @Produces
    @ApplicationScoped
    BrowserChecks browser(SandboxRunner sandbox, VerifierConfig config) {
        Optional<Path> chromium = config.chromium().map(c -> c.equals("none") ? Optional.<Path>empty()
                : Optional.of(Path.of(c))).orElseGet(BrowserChecks::findChromium);
        return new BrowserChecks(sandbox, chromium);
    }

    void close(@Disposes SandboxRunner sandbox) {
        sandbox.close();
    }

    /** Makes the sandbox at start-up, so a machine that cannot run checks fails then, and says what it got. */
    void started(@Observes StartupEvent start, SandboxRunner sandbox, BrowserChecks browser) {
        LOG.infof("checks run with isolation %s%s; browser checks: %s", sandbox.isolation().label(),
                sandbox.isolationNote().isEmpty() ? "" : " (" + sandbox.isolationNote() + ")",
                browser.unavailable().orElse(browser.fingerprint()));
    }
}

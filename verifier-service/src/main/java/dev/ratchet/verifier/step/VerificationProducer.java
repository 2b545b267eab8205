package dev.ratchet.verifier.step;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Disposes;
import jakarta.enterprise.inject.Instance;
import jakarta.enterprise.inject.Produces;
import jakarta.enterprise.inject.Typed;

import org.jboss.logging.Logger;

import dev.ratchet.k8s.checks.CheckJobSettings;
import dev.ratchet.k8s.checks.JobCheckRunner;
import dev.ratchet.workspace.browser.BrowserChecks;
import dev.ratchet.workspace.sandbox.CheckRunner;
import dev.ratchet.workspace.sandbox.Isolation;
import dev.ratchet.workspace.sandbox.SandboxConfig;
import dev.ratchet.workspace.sandbox.SandboxLimits;
import dev.ratchet.workspace.sandbox.SandboxRunner;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.quarkus.runtime.StartupEvent;

/**
 * The verifier's one check sandbox, made at start-up from {@code ratchet.verifier.sandbox.*} (it probes which
 * isolation works here and says so in the log) and closed when the service stops, which kills every running check;
 * and what runs the command checks: that sandbox, or with {@code ratchet.verifier.sandbox=kubernetes} a Kubernetes
 * Job each ({@link JobCheckRunner}).
 */
@ApplicationScoped
class VerificationProducer {

    private static final Logger LOG = Logger.getLogger(VerificationProducer.class);

    @Produces
    @ApplicationScoped
    @Typed(SandboxRunner.class)
    SandboxRunner sandbox(VerifierConfig config) {
        VerifierConfig.Sandbox s = config.sandbox();
        Isolation strongest = Isolation.valueOf(s.isolation().toUpperCase(Locale.ROOT));
        return new SandboxRunner(new SandboxConfig(
                Path.of(s.baseDir().orElse(System.getProperty("java.io.tmpdir"))), strongest,
                limits(s), s.captureHeadBytes(),
                s.captureTailBytes(), s.runAsUid(), s.runAsGid(), s.passEnv().orElse(List.of())));
    }

    @Produces
    @ApplicationScoped
    CheckRunner commands(VerifierConfig config, SandboxRunner sandbox, Instance<KubernetesClient> clients) {
        String mode = config.sandbox().mode();
        if (mode.equals(VerifierConfig.Sandbox.PROCESS)) {
            return sandbox;
        }
        if (!mode.equals(VerifierConfig.Sandbox.KUBERNETES)) {
            throw new IllegalArgumentException("ratchet.verifier.sandbox must be " + VerifierConfig.Sandbox.PROCESS
                    + " or " + VerifierConfig.Sandbox.KUBERNETES + ", not " + mode);
        }
        KubernetesClient client = clients.get();
        VerifierConfig.Kubernetes k = config.kubernetes();
        VerifierConfig.Sandbox s = config.sandbox();
        Optional<CheckJobSettings.OwnerPod> owner = k.ownerPodName().isPresent() && k.ownerPodUid().isPresent()
                ? Optional.of(new CheckJobSettings.OwnerPod(k.ownerPodName().get(), k.ownerPodUid().get()))
                : Optional.empty();
        return new JobCheckRunner(client, new CheckJobSettings(client.getNamespace(), k.image(), k.workspaceClaim(),
                Path.of(k.workspaceDir()), limits(s), k.cpuRequest(), k.cpuLimit(), k.memoryRequest(),
                s.captureHeadBytes(), s.captureTailBytes(), k.runAsUid(), k.runAsGid(), k.startAllowance(),
                k.ttlAfterFinished(), owner));
    }

    @Produces
    @ApplicationScoped
    BrowserChecks browser(SandboxRunner sandbox, VerifierConfig config) {
        Optional<Path> chromium = config.chromium().map(c -> c.equals("none") ? Optional.<Path>empty()
                : Optional.of(Path.of(c))).orElseGet(BrowserChecks::findChromium);
        return new BrowserChecks(sandbox, chromium);
    }

    private static SandboxLimits limits(VerifierConfig.Sandbox s) {
        return new SandboxLimits(s.memoryBytes(), s.processes(), s.fileSizeBytes());
    }

    void close(@Disposes SandboxRunner sandbox) {
        sandbox.close();
    }

    /** Makes the sandbox at start-up, so a machine that cannot run checks fails then, and says what it got. */
    void started(@Observes StartupEvent start, SandboxRunner sandbox, CheckRunner commands, BrowserChecks browser) {
        LOG.infof("checks run %swith isolation %s%s; browser checks: %s", commands instanceof JobCheckRunner
                ? "as Kubernetes Jobs (" + commands.environmentFingerprint().replace('\n', ' ') + "); browser checks "
                : "", sandbox.isolation().label(),
                sandbox.isolationNote().isEmpty() ? "" : " (" + sandbox.isolationNote() + ")",
                browser.unavailable().orElse(browser.fingerprint()));
    }
}

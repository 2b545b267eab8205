package dev.ratchet.executor.step;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Disposes;
import jakarta.enterprise.inject.Produces;

import org.jboss.logging.Logger;

import dev.ratchet.workspace.sandbox.SandboxConfig;
import dev.ratchet.workspace.sandbox.SandboxRunner;

/**
 * The sandbox {@code run_check} runs a session's checks in, as the verifier does: the strongest isolation that works
 * on this machine, chosen once at start-up; the output kept is the executor's smaller share.
 */
@ApplicationScoped
class SandboxProducer {

    private static final Logger LOG = Logger.getLogger(SandboxProducer.class);

    @Produces
    @ApplicationScoped
    SandboxRunner sandbox(ExecutorConfig config) {
        int head = config.checkOutputBytes() / 4;
        SandboxRunner runner = new SandboxRunner(SandboxConfig.defaults().withOutput(head,
                config.checkOutputBytes() - head));
        LOG.infof("run_check isolation: %s%s", runner.isolation().label(),
                runner.isolationNote().isEmpty() ? "" : " (" + runner.isolationNote() + ")");
        return runner;
    }

    void close(@Disposes SandboxRunner runner) {
        runner.close();
    }
}

package dev.ratchet.executor.step;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Disposes;
import jakarta.enterprise.inject.Produces;

import dev.ratchet.runtime.work.OwnedWork;
import dev.ratchet.runtime.work.WorkLeases;

@ApplicationScoped
class WorkProducer {

    @Produces
    @ApplicationScoped
    OwnedWork steps(ExecutorConfig config, WorkLeases leases) {
        return new OwnedWork("executor-steps", config.concurrency(), leases);
    }

    void stop(@Disposes OwnedWork steps) {
        steps.close();
    }
}

package dev.ratchet.verifier.step;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Disposes;
import jakarta.enterprise.inject.Produces;

import dev.ratchet.runtime.work.OwnedWork;
import dev.ratchet.runtime.work.WorkLeases;

@ApplicationScoped
class WorkProducer {

    @Produces
    @ApplicationScoped
    OwnedWork verifications(VerifierConfig config, WorkLeases leases) {
        return new OwnedWork("verifier-steps", config.concurrency(), leases);
    }

    void stop(@Disposes OwnedWork verifications) {
        verifications.close();
    }
}

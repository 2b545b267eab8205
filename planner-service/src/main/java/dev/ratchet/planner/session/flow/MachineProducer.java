package dev.ratchet.planner.session.flow;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Disposes;
import jakarta.enterprise.inject.Produces;

import dev.ratchet.core.session.Fanout;
import dev.ratchet.core.session.SessionMachine;
import dev.ratchet.runtime.work.OwnedWork;
import dev.ratchet.runtime.work.WorkLeases;

@ApplicationScoped
class MachineProducer {

    @Produces
    @ApplicationScoped
    SessionMachine machine(PlannerConfig config, DeadlinesConfig deadlines, VariantsConfig variants) {
        return new SessionMachine(config.maxAttempts(), config.stepContextTokens(), deadlines.toDeadlines(),
                new Fanout(variants.temperatures()), config.replans());
    }

    /** Planning runs under a lease, so a stopped planner's sessions are taken over and never planned twice. */
    @Produces
    @ApplicationScoped
    OwnedWork planning(PlannerConfig config, WorkLeases leases) {
        return new OwnedWork("planning", config.planningThreads(), leases);
    }

    void stop(@Disposes OwnedWork planning) {
        planning.close();
    }
}

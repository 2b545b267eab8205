package dev.ratchet.planner.session.flow;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;

import dev.ratchet.core.session.SessionMachine;

@ApplicationScoped
class MachineProducer {

    @Produces
    @ApplicationScoped
    SessionMachine machine(PlannerConfig config) {
        return new SessionMachine(config.maxAttempts(), config.stepContextTokens());
    }
}

package dev.ratchet.runtime.model;

import jakarta.enterprise.context.ApplicationScoped;

import dev.ratchet.models.ChatClient;
import dev.ratchet.models.ModelSettings;

/** Chat clients for the two model roles, built once from {@link ModelsConfig}. */
@ApplicationScoped
public class ModelClients {

    private final ModelsConfig config;
    private volatile ChatClient planner;
    private volatile ChatClient executor;

    ModelClients(ModelsConfig config) {
        this.config = config;
    }

    public ChatClient planner() {
        if (planner == null) {
            planner = new ChatClient(settings("planner", config.planner()));
        }
        return planner;
    }

    public ChatClient executor() {
        if (executor == null) {
            executor = new ChatClient(settings("executor", config.executor()));
        }
        return executor;
    }

    public ModelsConfig config() {
        return config;
    }

    private static ModelSettings settings(String role, ModelsConfig.Role r) {
        return new ModelSettings(role, r.baseUrl(), r.model(), r.apiKey(), r.timeout(), r.maxRetries(),
                r.initialBackoff(), r.maxBackoff());
    }
}

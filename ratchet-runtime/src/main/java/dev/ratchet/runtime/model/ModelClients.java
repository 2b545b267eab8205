package dev.ratchet.runtime.model;

import java.util.LinkedHashMap;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import dev.ratchet.models.ChatClient;
import dev.ratchet.models.ModelSettings;
import dev.ratchet.models.RequestSettings;
import io.quarkus.runtime.Startup;

/**
 * Chat clients for the two model roles, built from {@link ModelsConfig}. The settings are checked at start-up, so a
 * bad value (a temperature of 5, an {@code Authorization} extra header) stops the service with the property's name
 * instead of failing every model call later.
 */
@Startup
@ApplicationScoped
public class ModelClients {

    private final ModelsConfig config;
    private final ModelSettings plannerSettings;
    private final ModelSettings executorSettings;
    private volatile ChatClient planner;
    private volatile ChatClient executor;

    ModelClients(ModelsConfig config) {
        this.config = config;
        this.plannerSettings = settings("planner", config.planner());
        this.executorSettings = settings("executor", config.executor());
    }

    public ChatClient planner() {
        if (planner == null) {
            planner = new ChatClient(plannerSettings);
        }
        return planner;
    }

    public ChatClient executor() {
        if (executor == null) {
            executor = new ChatClient(executorSettings);
        }
        return executor;
    }

    public ModelsConfig config() {
        return config;
    }

    /**
     * Reads a dot in a header's name as a dash: an environment variable can only spell the name with {@code _},
     * which SmallRye turns into {@code .}, so {@code RATCHET_MODELS_EXECUTOR_HEADERS_OPENAI_PROJECT} arrives as
     * {@code openai.project} and is sent as {@code openai-project} (header names ignore case). No provider header
     * has a dot in its name.
     */
    static Map<String, String> headerNames(Map<String, String> configured) {
        Map<String, String> named = new LinkedHashMap<>();
        configured.forEach((name, value) -> named.put(name.replace('.', '-'), value));
        return named;
    }

    /** @throws IllegalArgumentException naming the role's property prefix */
    static ModelSettings settings(String role, ModelsConfig.Role r) {
        try {
            return new ModelSettings(role, r.baseUrl(), r.model(), r.apiKey(), r.timeout(), r.maxRetries(),
                    r.initialBackoff(), r.maxBackoff(), new RequestSettings(r.tokenLimitField(), r.reasoningEffort(),
                    r.temperature(), r.seed(), headerNames(r.headers())));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("ratchet.models." + role + ": " + e.getMessage(), e);
        }
    }
}

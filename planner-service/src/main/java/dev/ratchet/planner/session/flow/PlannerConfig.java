package dev.ratchet.planner.session.flow;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

@ConfigMapping(prefix = "ratchet.planner")
public interface PlannerConfig {

    /** Attempts per step before the session fails (the first try and two retries). */
    @WithDefault("3")
    int maxAttempts();

    /** Longest plan accepted from the planner model. */
    @WithDefault("20")
    int maxSteps();

    /** Token budget of each executor step's prompt: well under a fast model's window, so context stays small. */
    @WithDefault("8000")
    int stepContextTokens();

    /** Token budget of the planning prompt. */
    @WithDefault("16000")
    int planningContextTokens();

    /** Sessions planned at the same time; planning calls the slow model, so it runs off the request thread. */
    @WithDefault("4")
    int planningThreads();
}

package dev.ratchet.planner.session.flow;

import java.time.Duration;

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

    /** The reaper: how often it looks for work to do, and when an unsent decision is its to send. */
    Reaper reaper();

    interface Reaper {

        /** How often the reaper looks at the outbox and the deadlines (one planner replica at a time). */
        @WithDefault("1s")
        Duration interval();

        /** A decision still in the outbox this long after it was stored is sent by the reaper. */
        @WithDefault("5s")
        Duration outboxAfter();
    }
}

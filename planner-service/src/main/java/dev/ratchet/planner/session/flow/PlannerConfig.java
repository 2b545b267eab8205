package dev.ratchet.planner.session.flow;

import java.time.Duration;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

@ConfigMapping(prefix = "ratchet.planner")
public interface PlannerConfig {

    /** Attempts per step before the session fails (the first try and two retries). */
    @WithDefault("3")
    int maxAttempts();

    /**
     * How often per session the planner model may revise the plan after a step failed all its attempts, before the
     * session fails (0: a failed step fails the session). One revision costs one planner call (seconds to a minute)
     * and gives a stuck session a second approach; a second revision rarely rescues what the first could not.
     */
    @WithDefault("1")
    int replans();

    /**
     * Ask the planner model for the plan as structured output ({@code response_format} {@code json_schema},
     * strict). A provider that refuses it with a 400 naming {@code response_format} is asked again at once without
     * it, so this is off only to spare that extra call with such a provider.
     */
    @WithDefault("true")
    boolean structuredOutput();

    /**
     * Answers the planner model may give for one plan: a plan with problems (a step over the executor's budget, a
     * file that does not exist, ...) goes back with them to be split or fixed while rounds are left. Two: one
     * correction fixes what the reasons name; a model that cannot fix it in one rarely does in a third call, and
     * each round is a slow planner call (seconds to a minute).
     */
    @WithDefault("2")
    int planRounds();

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

    /** Replay: asking the skills registry for a proven plan before asking the planner model. */
    Skills skills();

    interface Skills {

        /** Ask the registry at all; off, every session is planned by the model. */
        @WithDefault("true")
        boolean enabled();

        /** The skills registry's base URL (port 8083 locally, the service's name in a cluster). */
        @WithDefault("http://127.0.0.1:8083")
        java.net.URI url();

        /**
         * The least match score (0..1) at which a trusted skill's plan replaces the model's. A goal that follows
         * the skill's goal template in a repository holding the plan's files scores 1; 0.8 leaves room for a
         * repository missing a fifth of them, not for a goal that only shares words with the skill.
         */
        @WithDefault("0.8")
        double minScore();

        /**
         * The longest the question may take, connecting and reading the answer together. The registry answers
         * from memory in milliseconds; planning by the model takes seconds to minutes, so 2 s is the most an
         * outage adds to a session before the model plans it.
         */
        @WithDefault("2s")
        Duration timeout();

        /**
         * A file holding the API key the planner sends to the registry (every {@code /api/} route needs one): a
         * file, not a property, so that the key is in neither the process's arguments nor its environment. The
         * local cluster points it at its development key; in a cluster it is a mounted Secret.
         */
        Optional<java.nio.file.Path> apiKeyFile();
    }

    interface Reaper {

        /** How often the reaper looks at the outbox and the deadlines (one planner replica at a time). */
        @WithDefault("1s")
        Duration interval();

        /** A decision still in the outbox this long after it was stored is sent by the reaper. */
        @WithDefault("5s")
        Duration outboxAfter();
    }
}

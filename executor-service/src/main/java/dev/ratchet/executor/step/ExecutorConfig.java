package dev.ratchet.executor.step;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

@ConfigMapping(prefix = "ratchet.executor")
public interface ExecutorConfig {

    /** Upper bound on the executor model's answer, in tokens. */
    @WithDefault("4096")
    int maxOutputTokens();

    /** Steps this process works on at once; scale out by starting more processes (the same consumer group). */
    @WithDefault("4")
    int concurrency();

    /**
     * Largest patch a step may produce (1 MiB): a model rewriting or deleting a big file is refused with the size,
     * the limit and the biggest files, and the planner retries the step with that reason.
     */
    @WithDefault("1048576")
    long maxPatchBytes();
}

package dev.ratchet.executor.step;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

@ConfigMapping(prefix = "ratchet.executor")
public interface ExecutorConfig {

    /** Upper bound on the executor model's answer, in tokens. */
    @WithDefault("4096")
    int maxOutputTokens();
}

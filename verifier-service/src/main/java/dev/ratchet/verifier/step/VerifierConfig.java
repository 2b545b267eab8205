package dev.ratchet.verifier.step;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

@ConfigMapping(prefix = "ratchet.verifier")
public interface VerifierConfig {

    /** How much of a check's output (its end) is kept in verdicts and shown to the executor on a retry. */
    @WithDefault("4096")
    int outputTailBytes();

    /** Attempts this process verifies at once (checks run as child processes). */
    @WithDefault("4")
    int concurrency();
}

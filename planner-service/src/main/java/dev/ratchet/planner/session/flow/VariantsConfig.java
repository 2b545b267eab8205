package dev.ratchet.planner.session.flow;

import java.util.List;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Best-of-N: how the variants of an attempt fanned out to several are sampled (core {@code Fanout}). */
@ConfigMapping(prefix = "ratchet.planner.variants")
public interface VariantsConfig {

    /**
     * Variant k's temperature is the k-th of this ladder (cycling): from 0.2, close to what one variant would
     * answer, to 1.0, as far as coding models stay coherent (OpenAI's range is 0 to 2). A step of one variant sends
     * none, and the executor's own setting applies.
     */
    @WithDefault("0.2,0.4,0.6,0.8,1.0")
    List<Double> temperatures();
}

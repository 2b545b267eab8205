package dev.ratchet.runtime.lifecycle;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import dev.ratchet.core.prompt.TokenBudget;
import io.quarkus.runtime.StartupEvent;

/**
 * Loads the tokenizer's encoding (a few MB, about a second on a small machine) in the background at start-up in
 * the services that build prompts, instead of on the first step of the first session, and without delaying
 * readiness.
 */
@ApplicationScoped
public class TokenizerWarmup {

    void onStart(@Observes StartupEvent event,
            @ConfigProperty(name = "ratchet.tokenizer.warm-up", defaultValue = "false") boolean warmUp) {
        if (warmUp) {
            Thread loader = new Thread(() -> new TokenBudget(256).count("warm up"), "ratchet-tokenizer-warm-up");
            loader.setDaemon(true);
            loader.start();
        }
    }
}

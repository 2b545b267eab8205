package dev.ratchet.skills.search;

import java.util.Optional;
import java.util.concurrent.CompletableFuture;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.jboss.logging.Logger;

import dev.ratchet.core.skill.Digests;
import dev.ratchet.core.skill.SkillDocument;
import dev.ratchet.skills.config.SkillsConfig;
import dev.ratchet.skills.store.StoredEmbedding;
import io.quarkus.runtime.StartupEvent;

/**
 * Embeddings of skills and queries when {@code ratchet.skills.embeddings.enabled} (the default); empty otherwise, and
 * search ranks by keywords alone. The model loads in the background at start-up (about a second and 90 MB of heap);
 * readiness does not wait for it, the first embedding does.
 */
@ApplicationScoped
public class SkillEmbeddings {

    private static final Logger LOG = Logger.getLogger(SkillEmbeddings.class);

    private final boolean enabled;
    private final CompletableFuture<MiniLm> model = new CompletableFuture<>();

    SkillEmbeddings(SkillsConfig config) {
        this.enabled = config.embeddings().enabled();
    }

    void load(@Observes StartupEvent started) {
        if (enabled) {
            CompletableFuture.runAsync(() -> {
                try {
                    model.complete(new MiniLm());
                    LOG.infof("embedding model %s loaded", MiniLm.MODEL);
                } catch (RuntimeException | LinkageError e) {
                    model.completeExceptionally(e);
                    LOG.errorf(e, "embedding model %s did not load; search uses keywords alone", MiniLm.MODEL);
                }
            });
        }
    }

    /** True when embeddings are switched on and the model loaded (or is loading). */
    public boolean enabled() {
        return enabled && !model.isCompletedExceptionally();
    }

    public Optional<float[]> embed(String text) {
        if (!enabled()) {
            return Optional.empty();
        }
        return Optional.of(model.join().embed(text));
    }

    /** What is embedded of a skill: what agents read to choose one, its name (as words) and description. */
    public static String text(SkillDocument document) {
        return document.name().replace('-', ' ') + ". " + document.description();
    }

    /** The skill's embedding, unless {@code stored} is already of this text and model. */
    public Optional<StoredEmbedding> embedding(SkillDocument document, Optional<StoredEmbedding> stored) {
        String digest = Digests.sha256(text(document));
        if (stored.isPresent() && stored.get().model().equals(MiniLm.MODEL) && stored.get().digest().equals(digest)) {
            return stored;
        }
        return embed(text(document)).map(v -> new StoredEmbedding(MiniLm.MODEL, digest, v));
    }
}

package dev.ratchet.planner.hooks;

import java.util.Map;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * {@code POST /hooks/cloudevents}: which CloudEvent types start which session, and which repository names map to
 * which local clones. Nothing is mapped by default: an event of a type no one configured is ignored with the reason.
 */
@ConfigMapping(prefix = "ratchet.hooks.cloudevents")
public interface CloudEventHooksConfig {

    /** By CloudEvent type: {@code ratchet.hooks.cloudevents.types."com.gitlab.pipeline.failed".goal=...}. */
    Map<String, Type> types();

    /** By the name the event gives: {@code ratchet.hooks.cloudevents.repos."acme/app".path=/srv/acme-app}. */
    Map<String, Repo> repos();

    interface Type {

        /** The goal; each {@code {/json/pointer}} is filled in from the event ({@code {/data/ref}}). */
        String goal();

        /** A JSON pointer to the repository's name in the event. */
        @WithDefault("/subject")
        String repository();

        /** A JSON pointer to the commit to start at; the clone's HEAD when unset. */
        Optional<String> revision();
    }

    interface Repo {

        /** The local clone sessions run in; a revision an event names must be in it (fetched beforehand, unless
         * {@link #cloneUrl()} is set). */
        String path();

        /**
         * Where to clone from ({@code https://github.com/octo-org/octo-repo.git}, {@code file:///srv/mirror.git}):
         * Ratchet then keeps the clone at {@link #path()} itself, cloning it on first use and fetching the commit an
         * event names before its session starts ({@link HookClones}). Unset: the clone at the path is used as it is.
         */
        Optional<String> cloneUrl();

        /** The team that owns the sessions: only its API keys may start them; the clone must lie under its roots. */
        String team();
    }
}

package dev.ratchet.planner.hooks;

import java.util.Map;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** {@code POST /hooks/github}: the secret, which repositories map to which local clones, the goals. */
@ConfigMapping(prefix = "ratchet.hooks.github")
public interface GithubHooksConfig {

    /**
     * The webhook's secret ({@code RATCHET_HOOKS_GITHUB_SECRET}); while it is unset the hook answers 503, since an
     * unsigned hook would let anyone who can reach it start sessions.
     */
    Optional<String> secret();

    /** By GitHub's {@code owner/name}: {@code ratchet.hooks.github.repos."octo-org/octo-repo".path=/srv/octo-repo}. */
    Map<String, Repo> repos();

    Goals goals();

    interface Repo {

        /** The local clone sessions run in; the commit a delivery names must be in it (fetched beforehand, unless
         * {@link #cloneUrl()} is set). */
        String path();

        /**
         * Where to clone from ({@code https://github.com/octo-org/octo-repo.git}, {@code file:///srv/mirror.git}):
         * Ratchet then keeps the clone at {@link #path()} itself, cloning it on first use and fetching the commit an
         * event names before its session starts ({@link HookClones}). Unset: the clone at the path is used as it is.
         */
        Optional<String> cloneUrl();

        /** The team that owns the sessions; the clone must lie under its repository roots. */
        String team();
    }

    interface Goals {

        /** {@code {workflow}}, {@code {branch}}, {@code {sha}} and {@code {repo}} are filled in from the delivery. */
        @WithDefault("Make the failing workflow '{workflow}' pass on {branch} at {sha}: find why it fails and fix "
                + "the code (not the workflow)")
        String workflowFailure();

        /** {@code {check}}, {@code {branch}}, {@code {sha}} and {@code {repo}} are filled in from the delivery. */
        @WithDefault("Make the failing check '{check}' pass at {sha}: find why it fails and fix the code")
        String checkFailure();
    }
}

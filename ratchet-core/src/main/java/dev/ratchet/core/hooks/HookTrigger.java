package dev.ratchet.core.hooks;

/**
 * What a hook delivery asks of Ratchet: a GitHub delivery ({@link GithubTriggers}) or a CI system's CloudEvent
 * ({@link CiTriggers}).
 */
public sealed interface HookTrigger {

    /** {@code ping}: GitHub checking the hook; answered 200. */
    record Pong() implements HookTrigger {
    }

    /** Nothing to do; answered 202 with the reason. */
    record Ignore(String reason) implements HookTrigger {
    }

    /**
     * A session to start: on {@code repository} (GitHub's {@code owner/name}, or the name a CloudEvent gives) at
     * {@code revision} (a commit SHA, or {@code refs/pull/<n>/head} for a comment, whose payload names no commit;
     * null for the mapped clone's HEAD), with {@code goal}.
     */
    record Start(String trigger, String repository, String revision, String goal) implements HookTrigger {
    }
}

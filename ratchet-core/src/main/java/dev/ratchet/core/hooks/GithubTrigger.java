package dev.ratchet.core.hooks;

/** What a GitHub delivery asks of Ratchet, decided by {@link GithubTriggers}. */
public sealed interface GithubTrigger {

    /** {@code ping}: GitHub checking the hook; answered 200. */
    record Pong() implements GithubTrigger {
    }

    /** Nothing to do; answered 202 with the reason. */
    record Ignore(String reason) implements GithubTrigger {
    }

    /**
     * A session to start: on {@code repository} (GitHub's {@code owner/name}) at {@code revision} (a commit SHA, or
     * {@code refs/pull/<n>/head} for a comment, whose payload names no commit), with {@code goal}.
     */
    record Start(String trigger, String repository, String revision, String goal) implements GithubTrigger {
    }
}

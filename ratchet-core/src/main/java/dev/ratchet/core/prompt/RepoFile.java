package dev.ratchet.core.prompt;

/** A repository file as the executor may see it: its text, only facts about it, or why it may not be read at all. */
public sealed interface RepoFile {

    String path();

    /** UTF-8 text within the read limit. */
    record Text(String path, String content) implements RepoFile {
    }

    /** Over the read limit or binary: never read whole. */
    record Unread(FileFacts facts) implements RepoFile {

        @Override
        public String path() {
            return facts.path();
        }
    }

    /** Missing, a directory, a symlink, forbidden by the guardrails: {@code reason} says which, for the model. */
    record Refused(String path, String reason) implements RepoFile {
    }
}

package dev.ratchet.core.session;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.Optional;

/** A session's repository: a local path or a {@code file://} URL, as an absolute normalised path. */
public final class RepoLocation {

    private RepoLocation() {
    }

    /** Empty when the text names something other than a local repository (another URL scheme). */
    public static Optional<Path> parse(String repo) {
        String text = repo.strip();
        if (text.startsWith("file:")) {
            try {
                return Optional.of(Path.of(new URI(text)).toAbsolutePath().normalize());
            } catch (URISyntaxException | IllegalArgumentException e) {
                return Optional.empty();
            }
        }
        if (text.matches("^[a-zA-Z][a-zA-Z0-9+.-]*://.*") || text.matches("^[^/]+@[^/]+:.*")) {
            return Optional.empty();
        }
        return Optional.of(Path.of(text).toAbsolutePath().normalize());
    }
}

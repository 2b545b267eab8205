package dev.ratchet.skills;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/** The labelled skills and queries of {@code src/test/resources/skills} (see the README there). */
public final class LabelledSkills {

    /** A query and the skill that answers it. */
    public record Query(String text, String expected) {
    }

    private LabelledSkills() {
    }

    public static Path folder() {
        try {
            return Path.of(LabelledSkills.class.getResource("/skills").toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The skill folders, by name. */
    public static List<Path> skills() {
        try (Stream<Path> children = Files.list(folder())) {
            return children.filter(p -> Files.isRegularFile(p.resolve("SKILL.md"))).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static List<Query> queries() {
        try {
            return Files.readAllLines(folder().resolve("queries.tsv"), StandardCharsets.UTF_8).stream()
                    .filter(l -> !l.isBlank() && !l.startsWith("#")).map(l -> l.split("\t"))
                    .map(f -> new Query(f[0], f[1])).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

package dev.ratchet.core.prompt;

import java.util.Comparator;
import java.util.List;
import java.util.Locale;

import dev.ratchet.core.event.StepWork;

/**
 * The files a step is about: those its title, instructions or earlier rejection reasons mention, by path or by file
 * name. They come first in the prompt, their AGENTS.md is the one that speaks for the step, and they are the last
 * thing given up when the context budget runs short.
 */
public final class StepScope {

    private final String mentions;

    private StepScope(String mentions) {
        this.mentions = mentions.toLowerCase(Locale.ROOT);
    }

    public static StepScope of(StepWork work, List<String> feedback) {
        return new StepScope(work.title() + "\n" + work.instructions() + "\n" + String.join("\n", feedback));
    }

    /** A scope from free text, for tests and callers that have no step. */
    public static StepScope mentionedIn(String text) {
        return new StepScope(text);
    }

    public boolean contains(String path) {
        String lower = path.toLowerCase(Locale.ROOT);
        String name = lower.substring(lower.lastIndexOf('/') + 1);
        return mentions.contains(lower) || mentions.contains(name);
    }

    /** The files in scope, in {@link #byRelevance} order. */
    public List<String> of(List<String> files) {
        return byRelevance(files).stream().filter(this::contains).toList();
    }

    /** Files in scope first, then the rest; shortest paths first within each. */
    public List<String> byRelevance(List<String> files) {
        Comparator<String> mentioned = Comparator.comparing(p -> !contains(p));
        return files.stream().sorted(mentioned.thenComparing(String::length).thenComparing(p -> p)).toList();
    }
}

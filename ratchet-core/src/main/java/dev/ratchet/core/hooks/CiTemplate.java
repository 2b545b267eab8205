package dev.ratchet.core.hooks;

import java.util.Optional;

/**
 * What a CloudEvent {@code type} starts: a session whose goal is {@code goal} with each {@code {/json/pointer}} filled
 * in from the event ({@code "Make pipeline {/data/pipeline/id} pass on {/data/ref}"}), on the repository named at
 * {@code repository} (a JSON pointer, {@code /subject} by default), at the commit at {@code revision} (a pointer; the
 * mapped clone's HEAD when empty).
 */
public record CiTemplate(String goal, String repository, Optional<String> revision) {

    public static final String DEFAULT_REPOSITORY = "/subject";
}

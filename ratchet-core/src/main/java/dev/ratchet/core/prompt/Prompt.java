package dev.ratchet.core.prompt;

import java.util.List;

/** A system and a user message for a model, with their token count and what did not fit the budget. */
public record Prompt(String system, String user, int tokens, List<String> omittedFiles) {

    public Prompt(String system, String user, int tokens) {
        this(system, user, tokens, List.of());
    }
}

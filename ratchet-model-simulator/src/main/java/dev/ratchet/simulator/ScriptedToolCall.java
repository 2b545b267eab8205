package dev.ratchet.simulator;

import java.util.Objects;

/**
 * A function call a scripted answer makes.
 *
 * @param id        the call's id; null for one made up per answer ({@code call_sim_<request>_<index>})
 * @param name      the function's name
 * @param arguments the arguments exactly as sent, JSON text (a scenario may script malformed ones on purpose)
 */
record ScriptedToolCall(String id, String name, String arguments) {

    ScriptedToolCall {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(arguments, "arguments");
        if (name.isBlank()) {
            throw new IllegalArgumentException("a tool call needs a name");
        }
    }

    /** The id the answer to request {@code request} sends for the call at {@code index}. */
    String idFor(long request, int index) {
        return id != null ? id : "call_sim_" + request + "_" + index;
    }
}

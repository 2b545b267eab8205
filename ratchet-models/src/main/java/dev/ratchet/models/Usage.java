package dev.ratchet.models;

/** Token counts the server reported for one answer. */
public record Usage(int promptTokens, int completionTokens, int totalTokens) {

    /** For servers that report no usage. */
    public static final Usage NONE = new Usage(0, 0, 0);
}

package dev.ratchet.core.guardrail;

import java.util.List;

import com.fasterxml.jackson.databind.annotation.JsonDeserialize;

/**
 * What a step may change, per session; steering replaces fields with {@link #merge}. In JSON (through
 * {@code dev.ratchet.core.json.Json}) it is {@code {allow, readOnly, forbid, deletes, maxChangedLines,
 * maxFileChangedLines, maxNewFiles}}; missing fields take the defaults, an unknown field is an error naming it.
 *
 * @param allow globs a step may change (default {@code **}: everything); see {@link Glob}
 * @param readOnly globs a step may read but not change (default none); matched in any letter case
 * @param forbid globs a step may neither read nor change; matched in any letter case, so {@code .git/**} also
 *        covers {@code .GIT/config} (which is {@code .git/config} on a case-insensitive filesystem)
 * @param deletes whether a step may delete files (default no; a rename is not a delete)
 * @param maxChangedLines added plus removed lines in one step (default 400: a reviewable step)
 * @param maxFileChangedLines added plus removed lines in one file (default 400, so raising the step limit alone
 *        does not let one file be rewritten wholesale)
 * @param maxNewFiles files one step may add (default 20)
 */
@JsonDeserialize(using = GuardrailsJson.Full.class)
public record Guardrails(List<String> allow, List<String> readOnly, List<String> forbid, boolean deletes,
        int maxChangedLines, int maxFileChangedLines, int maxNewFiles) {

    public static final Guardrails DEFAULTS = new Guardrails(List.of("**"), List.of(),
            List.of(".git/**", ".env*", "**/*.pem", "**/id_rsa*", "**/*.key"), false, 400, 400, 20);

    /** Bounds on what a request may ask for: 100 globs of 256 characters, limits up to 100,000 lines or files. */
    static final int MAX_GLOBS = 100;
    static final int MAX_GLOB_CHARS = 256;
    static final int MAX_LIMIT = 100_000;

    public Guardrails {
        allow = globs("allow", allow);
        readOnly = globs("readOnly", readOnly);
        forbid = globs("forbid", forbid);
        limit("maxChangedLines", maxChangedLines, 1);
        limit("maxFileChangedLines", maxFileChangedLines, 1);
        limit("maxNewFiles", maxNewFiles, 0);
    }

    /** These guardrails with every field {@code update} gives replacing this one's (lists are replaced whole). */
    public Guardrails merge(GuardrailsUpdate update) {
        return new Guardrails(
                update.allow() != null ? update.allow() : allow,
                update.readOnly() != null ? update.readOnly() : readOnly,
                update.forbid() != null ? update.forbid() : forbid,
                update.deletes() != null ? update.deletes() : deletes,
                update.maxChangedLines() != null ? update.maxChangedLines() : maxChangedLines,
                update.maxFileChangedLines() != null ? update.maxFileChangedLines() : maxFileChangedLines,
                update.maxNewFiles() != null ? update.maxNewFiles() : maxNewFiles);
    }

    /** The forbidden glob that covers {@code path} (a normalised path), or null: for tools that read files. */
    public String forbiddenBy(String path) {
        Glob glob = Glob.firstMatch(compile(forbid, true), path);
        return glob == null ? null : glob.pattern();
    }

    static List<Glob> compile(List<String> globs, boolean ignoreCase) {
        return globs.stream().map(g -> Glob.compile(g, ignoreCase)).toList();
    }

    static List<String> globs(String field, List<String> globs) {
        if (globs == null) {
            throw new IllegalArgumentException("guardrails." + field + " must be a list of globs");
        }
        if (globs.size() > MAX_GLOBS) {
            throw new IllegalArgumentException("guardrails." + field + " has " + globs.size() + " globs, over the "
                    + "limit of " + MAX_GLOBS);
        }
        for (String glob : globs) {
            if (glob == null || glob.isBlank() || glob.length() > MAX_GLOB_CHARS) {
                throw new IllegalArgumentException("guardrails." + field + " holds an empty glob or one over "
                        + MAX_GLOB_CHARS + " characters");
            }
            try {
                Glob.compile(glob, false);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("guardrails." + field + ": " + e.getMessage(), e);
            }
        }
        return List.copyOf(globs);
    }

    static void limit(String field, int value, int min) {
        if (value < min || value > MAX_LIMIT) {
            throw new IllegalArgumentException("guardrails." + field + " must be between " + min + " and "
                    + MAX_LIMIT + ", was " + value);
        }
    }
}

package dev.ratchet.core.checks;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectReader;

import dev.ratchet.core.event.Check;
import dev.ratchet.core.json.Json;

/**
 * The checks a repository declares in its VERIFY.md: every fenced block whose info word is {@value #BLOCK} holds a
 * JSON array of checks, the same objects {@code POST /api/v1/sessions} takes ({@link CheckSpec}); the blocks are
 * read in order and the rest of the file is prose for people:
 *
 * <pre>
 * ```ratchet-checks
 * [
 *   {"name": "unit-tests", "command": "python3 -m unittest", "timeoutSeconds": 120},
 *   {"name": "lint", "command": "ruff check .", "stage": "fast"}
 * ]
 * ```
 * </pre>
 *
 * JSON rather than a line format: a command keeps every character a shell line may hold, and a browser check's
 * nested fields need no second syntax. Unknown fields are errors, as in the API.
 *
 * <p>The repository's fixer for the cleanup pass ({@link Fixer}) is one {@value #CLEANUP_BLOCK} block holding one
 * JSON object, {@code {"name": "ruff-fix", "command": "ruff check --fix .", "timeoutSeconds": 60}}; a session runs
 * it only when its request asks for the cleanup pass.
 */
public final class VerifyMd {

    public static final String FILE = "VERIFY.md";
    public static final String BLOCK = "ratchet-checks";
    public static final String CLEANUP_BLOCK = "ratchet-cleanup";
    /** A file of checks, not a manual: 256 KiB is hundreds of checks, and the file is read at every session start. */
    public static final int MAX_CHARS = 256 * 1024;

    private static final ObjectReader READER = Json.mapper().readerFor(new TypeReference<List<CheckSpec>>() {
    }).with(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
    private static final ObjectReader FIXER = Json.mapper().readerFor(Fixer.class)
            .with(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    private VerifyMd() {
    }

    /**
     * The checks of every {@value #BLOCK} block, in order; empty when the file has none.
     *
     * @throws CheckFileException naming the line, when a block is not closed or not a JSON array of checks
     */
    public static List<Check> checks(String text) {
        if (text.length() > MAX_CHARS) {
            throw new CheckFileException(FILE + " is " + text.length() + " characters, over the limit of " + MAX_CHARS);
        }
        List<Check> checks = new ArrayList<>();
        for (Markdown.Fence fence : Markdown.parse(text).fences()) {
            if (!BLOCK.equals(fence.info())) {
                continue;
            }
            if (!fence.closed()) {
                throw new CheckFileException(FILE + " line " + fence.line() + ": the " + BLOCK + " block is not closed"
                        + " (end it with ``` on a line of its own)");
            }
            String json = String.join("\n", fence.lines());
            try {
                List<CheckSpec> specs = json.isBlank() ? null : READER.readValue(json);
                if (specs == null) {
                    throw new CheckFileException(FILE + " line " + fence.line() + ": the " + BLOCK + " block is empty;"
                            + " write a JSON array of checks");
                }
                for (int i = 0; i < specs.size(); i++) {
                    if (specs.get(i) == null) {
                        throw new CheckFileException(FILE + " line " + fence.line() + ": check " + i + " is null");
                    }
                    checks.add(specs.get(i).toCheck());
                }
            } catch (JsonProcessingException e) {
                JsonLocation at = e.getLocation();
                int line = fence.line() + (at == null || at.getLineNr() < 1 ? 1 : at.getLineNr());
                throw new CheckFileException(FILE + " line " + line + ": the " + BLOCK + " block must be a JSON array"
                        + " of checks ({\"name\", \"command\", \"timeoutSeconds\", \"stage\", \"when\", \"browser\"}): "
                        + e.getOriginalMessage());
            }
        }
        return List.copyOf(checks);
    }

    /**
     * The fixer of the first {@value #CLEANUP_BLOCK} block; empty when the file has none.
     *
     * @throws CheckFileException naming the line, when the block is not closed or not one JSON object
     */
    public static Optional<Fixer> fixer(String text) {
        if (text.length() > MAX_CHARS) {
            throw new CheckFileException(FILE + " is " + text.length() + " characters, over the limit of " + MAX_CHARS);
        }
        for (Markdown.Fence fence : Markdown.parse(text).fences()) {
            if (!CLEANUP_BLOCK.equals(fence.info())) {
                continue;
            }
            if (!fence.closed()) {
                throw new CheckFileException(FILE + " line " + fence.line() + ": the " + CLEANUP_BLOCK
                        + " block is not closed (end it with ``` on a line of its own)");
            }
            String json = String.join("\n", fence.lines());
            try {
                Fixer fixer = json.isBlank() ? null : FIXER.readValue(json);
                if (fixer == null) {
                    throw new CheckFileException(FILE + " line " + fence.line() + ": the " + CLEANUP_BLOCK
                            + " block is empty; write one JSON object {\"name\", \"command\", \"timeoutSeconds\"}");
                }
                return Optional.of(fixer);
            } catch (JsonProcessingException e) {
                JsonLocation at = e.getLocation();
                int line = fence.line() + (at == null || at.getLineNr() < 1 ? 1 : at.getLineNr());
                throw new CheckFileException(FILE + " line " + line + ": the " + CLEANUP_BLOCK + " block must be"
                        + " one JSON object {\"name\", \"command\", \"timeoutSeconds\"}: " + e.getOriginalMessage());
            }
        }
        return Optional.empty();
    }
}

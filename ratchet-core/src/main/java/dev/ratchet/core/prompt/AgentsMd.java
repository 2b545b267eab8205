package dev.ratchet.core.prompt;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The part of a repository's AGENTS.md files that speaks for a step: as the AGENTS.md convention has it, the file
 * nearest to the file being changed wins, so each file in scope brings the AGENTS.md of its own directory or its
 * nearest parent's; with nothing in scope, the root one. Together they are capped at {@link #MAX_BYTES}.
 */
public final class AgentsMd {

    public static final String NAME = "AGENTS.md";
    /** 32 KiB, Codex's {@code project_doc_max_bytes}: enough for any real AGENTS.md, never a whole manual. */
    public static final int MAX_BYTES = 32 * 1024;

    private AgentsMd() {
    }

    /** Which AGENTS.md files of {@code files} speak for {@code scope}, nearest first per file, without repeats. */
    public static List<String> nearest(List<String> files, List<String> scope) {
        Set<String> present = new LinkedHashSet<>();
        files.stream().filter(f -> f.equals(NAME) || f.endsWith("/" + NAME)).forEach(present::add);
        Set<String> chosen = new LinkedHashSet<>();
        for (String path : scope) {
            String dir = path.contains("/") ? path.substring(0, path.lastIndexOf('/')) : "";
            while (true) {
                String candidate = dir.isEmpty() ? NAME : dir + "/" + NAME;
                if (present.contains(candidate)) {
                    chosen.add(candidate);
                    break;
                }
                if (dir.isEmpty()) {
                    break;
                }
                dir = dir.contains("/") ? dir.substring(0, dir.lastIndexOf('/')) : "";
            }
        }
        if (chosen.isEmpty() && present.contains(NAME)) {
            chosen.add(NAME);
        }
        return new ArrayList<>(chosen);
    }

    /**
     * The chosen files as one text, each under its path when there are several, cut at {@link #MAX_BYTES} of UTF-8.
     *
     * @param contents each chosen file's text, in order
     */
    public static String compose(Map<String, String> contents) {
        StringBuilder text = new StringBuilder();
        for (Map.Entry<String, String> file : contents.entrySet()) {
            if (contents.size() > 1) {
                text.append("--- ").append(file.getKey()).append(" ---\n");
            }
            text.append(file.getValue());
            if (!file.getValue().endsWith("\n")) {
                text.append('\n');
            }
        }
        return capped(text.toString());
    }

    private static String capped(String text) {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        if (bytes.length <= MAX_BYTES) {
            return text;
        }
        int end = MAX_BYTES;
        // Back up to the start of a UTF-8 character: continuation bytes are 10xxxxxx.
        while (end > 0 && (bytes[end] & 0xC0) == 0x80) {
            end--;
        }
        return new String(bytes, 0, end, StandardCharsets.UTF_8) + "\n[... AGENTS.md cut at " + MAX_BYTES
                + " bytes]\n";
    }
}

package dev.ratchet.core.skill.archive;

import java.util.ArrayList;
import java.util.List;

import dev.ratchet.core.skill.SkillRule;

/** The path rules of archive entries: relative, inside the folder, portable. */
final class ArchivePaths {

    private ArchivePaths() {
    }

    /**
     * The entry's path without {@code ./} segments or a trailing {@code /} (tar writes {@code ./SKILL.md} for
     * {@code tar -C dir .}).
     *
     * @throws dev.ratchet.core.skill.SkillInvalidException for an absolute path, a {@code ..} segment, a
     *         backslash, a control character or an empty segment
     */
    static String normalise(String raw) {
        if (raw.startsWith("/") || raw.startsWith("\\") || raw.matches("^[A-Za-z]:.*")) {
            EntryGate.refuse(SkillRule.ARCHIVE_ABSOLUTE_PATH, raw, "entries must be relative to the skill folder");
        }
        for (String segment : raw.split("[/\\\\]", -1)) {
            if (segment.equals("..")) {
                EntryGate.refuse(SkillRule.ARCHIVE_PARENT_PATH, raw, "a '..' segment would leave the skill folder");
            }
        }
        String trimmed = raw.endsWith("/") ? raw.substring(0, raw.length() - 1) : raw;
        List<String> segments = new ArrayList<>();
        for (String segment : trimmed.split("/", -1)) {
            if (segment.equals(".")) {
                continue;
            }
            if (segment.isEmpty() && !trimmed.isEmpty()) {
                EntryGate.refuse(SkillRule.ARCHIVE_INVALID_PATH, raw, "the path has an empty segment");
            }
            segments.add(segment);
        }
        for (char c : raw.toCharArray()) {
            if (c == '\\') {
                EntryGate.refuse(SkillRule.ARCHIVE_INVALID_PATH, raw, "use '/' between folders, not '\\'");
            }
            if (c < 0x20 || c == 0x7f) {
                EntryGate.refuse(SkillRule.ARCHIVE_INVALID_PATH, raw, "the path holds a control character");
            }
        }
        return String.join("/", segments);
    }
}

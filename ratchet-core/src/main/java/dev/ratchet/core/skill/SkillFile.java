package dev.ratchet.core.skill;

import java.util.Arrays;

/**
 * One file of a skill folder: its path inside the folder ({@code SKILL.md}, {@code scripts/run.sh}), its bytes as
 * they were given, and whether it is executable (the one mode bit agents need for {@code scripts/}).
 */
public record SkillFile(String path, byte[] content, boolean executable) {

    public SkillFile {
        content = content.clone();
    }

    @Override
    public byte[] content() {
        return content.clone();
    }

    public int size() {
        return content.length;
    }

    public String sha256() {
        return Digests.sha256(content);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof SkillFile f && f.path.equals(path) && f.executable == executable
                && Arrays.equals(f.content, content);
    }

    @Override
    public int hashCode() {
        return path.hashCode() * 31 + Arrays.hashCode(content);
    }

    @Override
    public String toString() {
        return path + " (" + content.length + " bytes" + (executable ? ", executable)" : ")");
    }
}

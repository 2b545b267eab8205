package dev.ratchet.skills.store;

import java.time.Instant;
import java.util.List;

import dev.ratchet.core.skill.SkillFolder;

/**
 * One version of a skill as stored: its content digest, where it came from (a session id, or {@code upload}), when,
 * and its files by content hash (the bytes are in {@code ratchet:skill:{name}:files}).
 */
public record VersionRecord(int version, String digest, String source, Instant createdAt, List<FileEntry> files) {

    public static final String UPLOAD = "upload";

    /** A file of the version: the bytes are under {@code sha256} in the skill's files hash. */
    public record FileEntry(String path, int size, String sha256, boolean executable) {
    }

    public static VersionRecord of(int version, SkillFolder folder, String source, Instant at) {
        return new VersionRecord(version, folder.digest(), source, at, folder.fileList().stream()
                .map(f -> new FileEntry(f.path(), f.size(), f.sha256(), f.executable())).toList());
    }
}

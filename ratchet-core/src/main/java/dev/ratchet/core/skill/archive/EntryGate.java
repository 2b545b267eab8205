package dev.ratchet.core.skill.archive;

import java.io.IOException;
import java.io.InputStream;
import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.LongSupplier;

import dev.ratchet.core.skill.SkillFile;
import dev.ratchet.core.skill.SkillFolder;
import dev.ratchet.core.skill.SkillInvalidException;
import dev.ratchet.core.skill.SkillRule;

/**
 * What every archive entry passes through, whatever the format: its path is checked before anything is read, its
 * bytes are counted while they are inflated, and the totals are held to the limits as they grow. The first broken
 * rule stops the reading (a bomb is not read to its end to list more problems).
 */
final class EntryGate {

    /** Finder's resource forks: not part of the folder a person zipped. */
    private static final String MAC_FORKS = "__MACOSX/";
    private static final int CHUNK = 8192;

    private final ArchiveLimits limits;
    private final Map<String, SkillFile> files = new LinkedHashMap<>();
    private long inflated;

    EntryGate(ArchiveLimits limits) {
        this.limits = limits;
    }

    /** @return the entry's path, normalised; null for an entry that is skipped (a folder, a resource fork) */
    String admit(String rawName, boolean directory) {
        String path = ArchivePaths.normalise(rawName);
        if (directory || path.isEmpty() || (path + "/").startsWith(MAC_FORKS)) {
            return null;
        }
        if (files.containsKey(path)) {
            throw new SkillInvalidException(SkillRule.ARCHIVE_DUPLICATE.at(rawName, "the archive holds " + path
                    + " twice"));
        }
        if (files.size() >= limits.maxFiles()) {
            throw new SkillInvalidException(SkillRule.ARCHIVE_TOO_MANY_FILES.at(rawName, "the archive holds more "
                    + "than " + limits.maxFiles() + " files"));
        }
        return path;
    }

    static void refuse(SkillRule rule, String rawName, String message) {
        throw new SkillInvalidException(rule.at(rawName, message));
    }

    /**
     * Reads one entry's content, counting inflated bytes against the limits.
     *
     * @param compressedSoFar the compressed bytes the archive's reader has consumed up to now
     */
    void read(String path, String rawName, InputStream content, boolean executable, LongSupplier compressedSoFar)
            throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] chunk = new byte[CHUNK];
        for (int n = content.read(chunk); n >= 0; n = content.read(chunk)) {
            inflated += n;
            if (inflated > limits.maxBytes()) {
                refuse(SkillRule.ARCHIVE_TOO_LARGE, rawName, "the archive inflates to more than "
                        + limits.maxBytes() + " bytes");
            }
            long compressed = Math.max(1, compressedSoFar.getAsLong());
            if (inflated > limits.ratioGraceBytes() && inflated > compressed * limits.maxRatio()) {
                refuse(SkillRule.ARCHIVE_COMPRESSION_RATIO, rawName, inflated + " bytes inflated from "
                        + compressed + " compressed bytes, over the ratio of " + limits.maxRatio());
            }
            out.write(chunk, 0, n);
        }
        files.put(path, new SkillFile(path, out.toByteArray(), executable));
    }

    /**
     * The folder: SKILL.md at the root (no folder name to compare), or every file inside one top-level folder
     * (whose name the skill's must equal).
     */
    SkillFolder folder() {
        if (files.containsKey(SkillFolder.SKILL_MD)) {
            return SkillFolder.of(null, files.values(), limits.maxSkillMdBytes());
        }
        String top = null;
        for (String path : files.keySet()) {
            int slash = path.indexOf('/');
            String first = slash < 0 ? "" : path.substring(0, slash);
            if (top == null) {
                top = first;
            }
            if (first.isEmpty() || !first.equals(top)) {
                throw new SkillInvalidException(SkillRule.ARCHIVE_LAYOUT.at(path, "SKILL.md must be at the "
                        + "archive's root or every file inside one folder named like the skill"));
            }
        }
        if (top == null) {
            throw new SkillInvalidException(SkillRule.SKILL_MD_MISSING.at(SkillFolder.SKILL_MD, "the archive "
                    + "holds no files"));
        }
        List<SkillFile> inside = new ArrayList<>();
        int cut = top.length() + 1;
        files.values().forEach(f -> inside.add(new SkillFile(f.path().substring(cut), f.content(),
                f.executable())));
        return SkillFolder.of(top, inside, limits.maxSkillMdBytes());
    }
}

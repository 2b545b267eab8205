package dev.ratchet.core.skill;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A skill as a folder: its files by path, SKILL.md among them, and the document SKILL.md holds. Built only through
 * {@link #of}, which checks every rule, so a SkillFolder is always a valid skill.
 *
 * @param name the skill's name, which is also the folder's
 */
public record SkillFolder(String name, SkillDocument document, Map<String, SkillFile> files) {

    public static final String SKILL_MD = "SKILL.md";

    public SkillFolder {
        files = new TreeMap<>(files);
    }

    /**
     * The skill in {@code files}, checked.
     *
     * @param folder the name of the folder the files came from; null when there was none (a bare SKILL.md, or an
     *        archive with SKILL.md at its root), then the name is the document's
     * @param maxSkillMdBytes the largest SKILL.md accepted
     * @throws SkillInvalidException naming every broken rule
     */
    public static SkillFolder of(String folder, Collection<SkillFile> files, int maxSkillMdBytes) {
        Map<String, SkillFile> byPath = new TreeMap<>();
        files.forEach(f -> byPath.put(f.path(), f));
        SkillFile skillMd = byPath.get(SKILL_MD);
        if (skillMd == null) {
            throw new SkillInvalidException(SkillRule.SKILL_MD_MISSING.at(SKILL_MD, "a skill folder needs a "
                    + "SKILL.md at its root; found " + (byPath.isEmpty() ? "no files" : String.join(", ",
                            byPath.keySet().stream().limit(5).toList()))));
        }
        SkillDocument document = document(skillMd.content(), maxSkillMdBytes);
        List<SkillViolation> problems = document.violations(folder);
        if (!problems.isEmpty()) {
            throw new SkillInvalidException(problems);
        }
        return new SkillFolder(document.name(), document, byPath);
    }

    /** Reads SKILL.md's bytes: size, strict UTF-8, then the front matter. */
    public static SkillDocument document(byte[] skillMd, int maxSkillMdBytes) {
        if (skillMd.length > maxSkillMdBytes) {
            throw new SkillInvalidException(SkillRule.SKILL_MD_TOO_LARGE.at(SKILL_MD, "SKILL.md has "
                    + skillMd.length + " bytes; at most " + maxSkillMdBytes + " are accepted (move detail to "
                    + "references/)"));
        }
        return SkillDocument.parse(utf8(skillMd));
    }

    private static String utf8(byte[] bytes) {
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            throw new SkillInvalidException(SkillRule.UTF8.at(SKILL_MD, "SKILL.md is not valid UTF-8 ("
                    + e.getMessage() + "); save it as UTF-8"));
        }
    }

    public SkillFile skillMd() {
        return files.get(SKILL_MD);
    }

    public List<SkillFile> fileList() {
        return new ArrayList<>(files.values());
    }

    public long totalBytes() {
        return files.values().stream().mapToLong(SkillFile::size).sum();
    }

    /**
     * The identity of the folder's content: SHA-256 over each file's path, mode and content hash in path order. Two
     * uploads of the same files have the same digest, whatever archive carried them.
     */
    public String digest() {
        MessageDigest digest = Digests.digest();
        for (SkillFile file : files.values()) {
            digest.update((file.path() + "\0" + (file.executable() ? "x" : "-") + "\0" + file.sha256() + "\n")
                    .getBytes(StandardCharsets.UTF_8));
        }
        return HexFormat.of().formatHex(digest.digest());
    }

    /** This folder with SKILL.md replaced by {@code skillMd} (other files kept). */
    public SkillFolder withSkillMd(byte[] skillMd, int maxSkillMdBytes) {
        Map<String, SkillFile> replaced = new TreeMap<>(files);
        replaced.put(SKILL_MD, new SkillFile(SKILL_MD, skillMd, false));
        return of(null, replaced.values(), maxSkillMdBytes);
    }
}

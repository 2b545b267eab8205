package dev.ratchet.core.skill.archive;

/**
 * Bounds on what an uploaded skill archive may unpack to, measured while inflating (headers are never trusted).
 *
 * @param maxFiles files in the folder
 * @param maxBytes bytes of all files once inflated
 * @param maxRatio inflated bytes over compressed bytes read; judged once {@code ratioGraceBytes} are inflated, so
 *        a small, very regular file (a page of spaces compresses 100 to 1) is no bomb
 * @param ratioGraceBytes inflated bytes before the ratio is judged
 * @param maxSkillMdBytes the largest SKILL.md
 */
public record ArchiveLimits(int maxFiles, long maxBytes, int maxRatio, long ratioGraceBytes, int maxSkillMdBytes) {

    /**
     * The registry's defaults: 500 files and 16 MiB inflated (anthropics/skills' largest folder has about 60 files
     * and 2 MiB), a ratio of 100 after 1 MiB (source text deflates about 4 to 1; zip bombs reach 1000 and more),
     * and a SKILL.md of 512 KiB (the specification recommends under 500 lines).
     */
    public static final ArchiveLimits DEFAULTS = new ArchiveLimits(500, 16L << 20, 100, 1L << 20, 512 << 10);
}

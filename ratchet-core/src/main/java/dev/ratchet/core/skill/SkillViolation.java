package dev.ratchet.core.skill;

/**
 * One broken rule of a skill upload.
 *
 * @param field what broke it: a front matter field ({@code name}, {@code metadata.version}), {@code SKILL.md}, or
 *        the path of an archive entry
 */
public record SkillViolation(SkillRule rule, String field, String message) {
}

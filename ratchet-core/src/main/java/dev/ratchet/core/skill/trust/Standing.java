package dev.ratchet.core.skill.trust;

/** A skill's status with the reason a person reads in the listing. */
public record Standing(SkillStatus status, String reason) {
}

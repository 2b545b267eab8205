package dev.ratchet.core.skill.template;

/** One step of a skill's plan, its title and instructions holding {@code {{parameter}}} placeholders. */
public record StepTemplate(String title, String instructions) {
}

package dev.ratchet.core.skill;

public class SkillFormatException extends RuntimeException {

    public SkillFormatException(String message) {
        super(message);
    }
}

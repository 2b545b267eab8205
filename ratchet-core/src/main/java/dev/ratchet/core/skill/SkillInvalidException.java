package dev.ratchet.core.skill;

import java.util.List;
import java.util.stream.Collectors;

/** A skill that breaks one or more rules; nothing of it may be stored. */
public class SkillInvalidException extends RuntimeException {

    private final transient List<SkillViolation> violations;

    public SkillInvalidException(List<SkillViolation> violations) {
        super(violations.stream().map(v -> v.rule().id() + " (" + v.field() + "): " + v.message())
                .collect(Collectors.joining("; ")));
        this.violations = List.copyOf(violations);
    }

    public SkillInvalidException(SkillViolation violation) {
        this(List.of(violation));
    }

    public List<SkillViolation> violations() {
        return violations;
    }
}

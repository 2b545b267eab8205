package dev.ratchet.core.skill.replay;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.ratchet.core.skill.SkillDocument;

/**
 * One version of a skill, written {@code name@version} (the session's {@code plannedFrom}). Read from events and
 * from the registry's answers, so {@link #parse} accepts only a valid skill name and a version from 1 to
 * {@link #MAX_VERSION}.
 */
public record SkillRef(String name, int version) {

    /** A million versions of one skill is far past any real history; the bound keeps the number an int. */
    public static final int MAX_VERSION = 1_000_000;

    private static final Pattern REF = Pattern.compile("([a-z0-9]+(?:-[a-z0-9]+)*)@([1-9][0-9]{0,6})");

    public SkillRef {
        if (!valid(name, version)) {
            throw new IllegalArgumentException("not a skill version: " + name + "@" + version);
        }
    }

    /** Empty for anything that is not {@code name@version} with a valid name and version. */
    public static Optional<SkillRef> parse(String text) {
        if (text == null || text.length() > SkillDocument.MAX_NAME + 8) {
            return Optional.empty();
        }
        Matcher m = REF.matcher(text);
        if (!m.matches()) {
            return Optional.empty();
        }
        int version = Integer.parseInt(m.group(2));
        return valid(m.group(1), version) ? Optional.of(new SkillRef(m.group(1), version)) : Optional.empty();
    }

    static boolean valid(String name, int version) {
        return name != null && name.length() <= SkillDocument.MAX_NAME && !SkillDocument.RESERVED_NAME.equals(name)
                && REF.matcher(name + "@1").matches() && version >= 1 && version <= MAX_VERSION;
    }

    @Override
    public String toString() {
        return name + "@" + version;
    }
}

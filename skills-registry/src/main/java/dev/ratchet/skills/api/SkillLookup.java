package dev.ratchet.skills.api;

import java.util.regex.Pattern;

import dev.ratchet.core.skill.SkillDocument;
import dev.ratchet.runtime.auth.CurrentCaller;
import dev.ratchet.runtime.rest.ProblemException;
import dev.ratchet.runtime.rest.QueryParams;
import dev.ratchet.skills.store.SkillRecord;
import dev.ratchet.skills.store.SkillStore;

/** A skill named in a path or a query: its name checked before Redis is asked, then found or a 404. */
final class SkillLookup {

    /** The {@code name} path parameter and the {@code version} query parameter, for the OpenAPI document. */
    static final String NAME_PARAM = "The skill name";
    static final String NAME_PARAM_EXAMPLE = "add-input-validation";
    static final String VERSION_PARAM = "A version, from 1; the latest when absent";

    /** The Agent Skills name rule (as {@code SkillDocument} checks it): a name is also part of a Redis key. */
    private static final Pattern NAME = Pattern.compile("[a-z0-9]+(-[a-z0-9]+)*");

    private SkillLookup() {
    }

    /**
     * @throws ProblemException 400 naming {@code name} when it cannot be a skill's, 404 when there is none, 403 when
     *         it is another team's (or no team's, for a member key)
     */
    static SkillRecord find(SkillStore store, String name, CurrentCaller caller) {
        SkillRecord record = store.find(name("name", name)).orElseThrow(() -> ProblemException.notFound("no skill "
                + name));
        caller.requireAccess(record.team(), "skill " + name);
        return record;
    }

    /** @throws ProblemException 400 naming {@code parameter} when {@code value} cannot be a skill's name */
    static String name(String parameter, String value) {
        if (value.length() > SkillDocument.MAX_NAME || !NAME.matcher(value).matches()) {
            throw ProblemException.invalidParameter(parameter, "must be a skill name: 1 to " + SkillDocument.MAX_NAME
                    + " characters of a-z, 0-9 and single hyphens, not '" + QueryParams.echo(value) + "'");
        }
        return value;
    }

    static SkillViews.Detail detail(SkillStore store, String name, String base, CurrentCaller caller) {
        SkillRecord record = find(store, name, caller);
        return SkillViews.detail(record, store.versions(name), store.captures(name), base);
    }
}

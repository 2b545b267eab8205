package dev.ratchet.core.hooks;

import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Which CloudEvent starts which session: its {@code type} picks a {@link CiTemplate}; an unknown type is ignored
 * with the reason. The values a template reads must be scalars of one line and at most 200 characters, since they
 * end up in a goal the planner model reads and in git revisions: anything else is a {@link PayloadException} naming
 * the attribute ({@code data.ref}).
 */
public final class CiTriggers {

    /** A goal's placeholders: a JSON pointer in braces. */
    private static final Pattern PLACEHOLDER = Pattern.compile("\\{(/[^{}\\s]*)}");
    static final int MAX_VALUE = 200;

    private CiTriggers() {
    }

    public static HookTrigger decide(CiEvent event, Map<String, CiTemplate> templates) {
        CiTemplate template = templates.get(event.type());
        if (template == null) {
            return new HookTrigger.Ignore("type " + event.type() + " is not mapped to a session "
                    + "(ratchet.hooks.cloudevents.types.\"" + event.type() + "\".goal)");
        }
        String repository = value(event, template.repository());
        String revision = template.revision().map(p -> value(event, p)).orElse(null);
        Matcher m = PLACEHOLDER.matcher(template.goal());
        StringBuilder goal = new StringBuilder();
        while (m.find()) {
            m.appendReplacement(goal, Matcher.quoteReplacement(value(event, m.group(1))));
        }
        m.appendTail(goal);
        return new HookTrigger.Start(event.type(), repository, revision, goal.toString());
    }

    private static String value(CiEvent event, String pointer) {
        String field = pointer.substring(1).replace('/', '.');
        JsonNode node;
        try {
            node = event.at(pointer);
        } catch (IllegalArgumentException e) {
            throw new PayloadException(field, "cannot be read: '" + pointer + "' is not a JSON pointer");
        }
        if (node.isMissingNode() || node.isNull()) {
            throw new PayloadException(field, "is required by the template of type " + event.type());
        }
        if (!node.isValueNode()) {
            throw new PayloadException(field, "must be a string or a number, not " + node.getNodeType()
                    .name().toLowerCase(java.util.Locale.ROOT));
        }
        String text = node.asText();
        if (text.isBlank() || text.length() > MAX_VALUE || text.chars().anyMatch(Character::isISOControl)) {
            throw new PayloadException(field, "must be one line of 1 to " + MAX_VALUE + " characters");
        }
        return text;
    }
}

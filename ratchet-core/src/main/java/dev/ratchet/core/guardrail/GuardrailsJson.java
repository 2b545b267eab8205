package dev.ratchet.core.guardrail;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.deser.std.StdDeserializer;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;

/**
 * Reads guardrails strictly, whatever the mapper's setting for unknown properties (Ratchet's {@code Json} tolerates
 * them for events): an unknown field is an {@link UnrecognizedPropertyException} naming it, a wrong type or value an
 * {@link InvalidFormatException} whose path ends at the field, so an API can answer 400 naming
 * {@code guardrails.<field>}.
 */
final class GuardrailsJson {

    static final List<String> FIELDS = List.of("allow", "readOnly", "forbid", "deletes", "maxChangedLines",
            "maxFileChangedLines", "maxNewFiles");

    private GuardrailsJson() {
    }

    /** A partial object: what it gives. */
    static final class Partial extends StdDeserializer<GuardrailsUpdate> {

        Partial() {
            super(GuardrailsUpdate.class);
        }

        @Override
        public GuardrailsUpdate deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
            JsonNode node = p.readValueAsTree();
            if (node == null || !node.isObject()) {
                throw InvalidFormatException.from(p, "guardrails must be a JSON object", node, GuardrailsUpdate.class);
            }
            for (Iterator<String> names = node.fieldNames(); names.hasNext();) {
                String name = names.next();
                if (!FIELDS.contains(name)) {
                    UnrecognizedPropertyException unknown = new UnrecognizedPropertyException(p, "unknown field "
                            + "guardrails." + name + " (known: " + String.join(", ", FIELDS) + ")",
                            p.currentLocation(), GuardrailsUpdate.class, name, new ArrayList<>(FIELDS));
                    // The path names the field itself, so an API answer can say guardrails.<name>.
                    unknown.prependPath(GuardrailsUpdate.class, name);
                    throw unknown;
                }
            }
            List<String> allow = globs(p, node, "allow");
            List<String> readOnly = globs(p, node, "readOnly");
            List<String> forbid = globs(p, node, "forbid");
            Boolean deletes = bool(p, node, "deletes");
            Integer maxChangedLines = integer(p, node, "maxChangedLines");
            Integer maxFileChangedLines = integer(p, node, "maxFileChangedLines");
            Integer maxNewFiles = integer(p, node, "maxNewFiles");
            try {
                return new GuardrailsUpdate(allow, readOnly, forbid, deletes, maxChangedLines, maxFileChangedLines,
                        maxNewFiles);
            } catch (IllegalArgumentException e) {
                String field = FIELDS.stream().filter(f -> e.getMessage().startsWith("guardrails." + f + " ")
                        || e.getMessage().startsWith("guardrails." + f + ":")).findFirst().orElse("guardrails");
                throw invalid(p, field, e.getMessage(), node.get(field));
            }
        }

        private static List<String> globs(JsonParser p, JsonNode node, String field) throws JsonMappingException {
            JsonNode value = node.get(field);
            if (value == null || value.isNull()) {
                return null;
            }
            if (!value.isArray()) {
                throw invalid(p, field, "guardrails." + field + " must be a list of glob strings", value);
            }
            List<String> globs = new ArrayList<>();
            for (JsonNode glob : value) {
                if (!glob.isTextual()) {
                    throw invalid(p, field, "guardrails." + field + " must be a list of glob strings", value);
                }
                globs.add(glob.asText());
            }
            return globs;
        }

        private static Boolean bool(JsonParser p, JsonNode node, String field) throws JsonMappingException {
            JsonNode value = node.get(field);
            if (value == null || value.isNull()) {
                return null;
            }
            if (!value.isBoolean()) {
                throw invalid(p, field, "guardrails." + field + " must be true or false", value);
            }
            return value.booleanValue();
        }

        private static Integer integer(JsonParser p, JsonNode node, String field) throws JsonMappingException {
            JsonNode value = node.get(field);
            if (value == null || value.isNull()) {
                return null;
            }
            if (!value.isIntegralNumber() || !value.canConvertToInt()) {
                throw invalid(p, field, "guardrails." + field + " must be a whole number", value);
            }
            return value.intValue();
        }

        private static JsonMappingException invalid(JsonParser p, String field, String message, JsonNode value) {
            InvalidFormatException e = InvalidFormatException.from(p, message, value == null ? null : value.toString(),
                    GuardrailsUpdate.class);
            if (FIELDS.contains(field)) {
                e.prependPath(GuardrailsUpdate.class, field);
            }
            return e;
        }
    }

    /** A whole object: what it gives, over the defaults. */
    static final class Full extends StdDeserializer<Guardrails> {

        private final Partial partial = new Partial();

        Full() {
            super(Guardrails.class);
        }

        @Override
        public Guardrails deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
            return Guardrails.DEFAULTS.merge(partial.deserialize(p, ctxt));
        }
    }
}

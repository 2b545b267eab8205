package dev.ratchet.models;

/**
 * The {@code response_format} of a request: JSON mode, or structured output against a schema.
 *
 * @param type       {@code json_object} or {@code json_schema}
 * @param schemaName the schema's name, for {@code json_schema} only
 * @param schema     the JSON Schema as JSON text (an object), for {@code json_schema} only; sent with {@code strict: true}
 */
public record ResponseFormat(String type, String schemaName, String schema) {

    public static final String JSON_OBJECT = "json_object";
    public static final String JSON_SCHEMA = "json_schema";

    public ResponseFormat {
        if (JSON_OBJECT.equals(type)) {
            if (schemaName != null || schema != null) {
                throw new IllegalArgumentException("json_object takes no schema");
            }
        } else if (JSON_SCHEMA.equals(type)) {
            Tool.checkName(schemaName, "schema name");
            JsonText.object(schema, "schema " + schemaName);
        } else {
            throw new IllegalArgumentException("response format type must be json_object or json_schema, was '" + type + "'");
        }
    }

    /** {@code {"type": "json_object"}}: any JSON object. */
    public static ResponseFormat jsonObject() {
        return new ResponseFormat(JSON_OBJECT, null, null);
    }

    /** {@code {"type": "json_schema", "json_schema": {"name", "schema", "strict": true}}}. */
    public static ResponseFormat jsonSchema(String name, String schema) {
        return new ResponseFormat(JSON_SCHEMA, name, schema);
    }
}

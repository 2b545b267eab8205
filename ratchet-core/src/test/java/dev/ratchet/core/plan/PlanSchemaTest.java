package dev.ratchet.core.plan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;

import dev.ratchet.core.json.Json;

/**
 * The plan schema sent as {@code response_format}: valid JSON, a valid JSON Schema (2020-12, checked against its
 * meta-schema by a real validator), in the subset strict structured output takes, and in step with
 * {@link PlanParser}: every plan it accepts parses to the same fields, and the plans it refuses the parser refuses
 * too or reads with the field left out.
 */
class PlanSchemaTest {

    private static final JsonSchemaFactory FACTORY = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012);
    private static final JsonSchema SCHEMA = FACTORY.getSchema(PlanSchema.JSON);

    static final String STRUCTURED = """
            {"steps": [
              {"id": "s1", "title": "Add word_count", "instructions": "Add word_count(text) to textstats.py.",
               "files": ["textstats.py", "tests/test_textstats.py"], "newFiles": [], "checks": ["unit-tests"],
               "variants": null, "estimatedTokens": 2400, "maxChangedLines": 40, "approaches": null},
              {"id": "s2", "title": "Add the CLI", "instructions": "Add cli.py calling word_count.",
               "files": [], "newFiles": ["cli.py"], "checks": [], "variants": 3, "estimatedTokens": null,
               "maxChangedLines": null, "approaches": ["argparse", "sys.argv by hand"]}
            ]}""";

    @Test
    void isAValidJsonSchema() throws Exception {
        JsonNode schema = Json.mapper().readTree(PlanSchema.JSON);
        JsonSchema meta = FACTORY.getSchema(SchemaLocation.of("https://json-schema.org/draft/2020-12/schema"));

        assertThat(meta.validate(schema)).isEmpty();
        assertThat(PlanSchema.NAME).matches("[a-zA-Z0-9_-]{1,64}");
    }

    @Test
    void takesOnlyWhatStrictStructuredOutputTakes() throws Exception {
        List<String> objects = new ArrayList<>();
        strictObjects(Json.mapper().readTree(PlanSchema.JSON), "$", objects);

        assertThat(objects).containsExactly("$", "$.steps.items");
    }

    @Test
    void everyPlanItAcceptsParsesToTheSameFields() throws Exception {
        assertThat(SCHEMA.validate(Json.mapper().readTree(STRUCTURED))).isEmpty();

        List<PlanStep> plan = PlanParser.parse(STRUCTURED, 20);

        assertThat(plan).containsExactly(
                new PlanStep("s1", "Add word_count", "Add word_count(text) to textstats.py.", null,
                        List.of("textstats.py", "tests/test_textstats.py"), List.of(), List.of("unit-tests"), 2400,
                        40),
                new PlanStep("s2", "Add the CLI", "Add cli.py calling word_count.", 3, List.of(), List.of("cli.py"),
                        List.of(), null, null, List.of("argparse", "sys.argv by hand")));
    }

    @Test
    void refusesWhatTheParserRefusesOrWouldLoseSilently() throws Exception {
        Map<String, Object> wrong = Map.of(
                "title", 7, "files", "textstats.py", "checks", List.of(1), "estimatedTokens", 2.5,
                "maxChangedLines", "40", "variants", "3", "approaches", List.of(2));
        for (Map.Entry<String, Object> e : wrong.entrySet()) {
            String answer = withField(e.getKey(), Json.mapper().valueToTree(e.getValue()));

            assertThat(SCHEMA.validate(Json.mapper().readTree(answer))).as(e.getKey()).isNotEmpty();
            assertThatThrownBy(() -> PlanParser.parse(answer, 20)).as(e.getKey())
                    .isInstanceOf(PlanFormatException.class);
        }
        String missing = STRUCTURED.replace("\"maxChangedLines\": 40", "\"other\": 40");
        Set<ValidationMessage> errors = SCHEMA.validate(Json.mapper().readTree(missing));
        assertThat(errors).extracting(ValidationMessage::getMessage)
                .anyMatch(m -> m.contains("maxChangedLines")).anyMatch(m -> m.contains("other"));
    }

    /** {@link #STRUCTURED} with its first step's {@code field} set to {@code value}. */
    private static String withField(String field, JsonNode value) throws Exception {
        ObjectNode root = (ObjectNode) Json.mapper().readTree(STRUCTURED);
        ((ObjectNode) root.path("steps").get(0)).set(field, value);
        return Json.write(root);
    }

    /** Every object schema: closed, with every property required (the strict subset); collects their paths. */
    private static void strictObjects(JsonNode node, String at, List<String> found) {
        if ("object".equals(node.path("type").asText())) {
            found.add(at);
            assertThat(node.path("additionalProperties").asBoolean(true)).as(at).isFalse();
            List<String> required = new ArrayList<>();
            node.path("required").forEach(r -> required.add(r.asText()));
            List<String> properties = new ArrayList<>();
            node.path("properties").fieldNames().forEachRemaining(properties::add);
            assertThat(required).as(at).containsExactlyInAnyOrderElementsOf(properties);
            Iterator<Map.Entry<String, JsonNode>> fields = node.path("properties").fields();
            while (fields.hasNext()) {
                Map.Entry<String, JsonNode> p = fields.next();
                strictObjects(p.getValue(), at + "." + p.getKey(), found);
            }
        }
        if (node.has("items")) {
            strictObjects(node.get("items"), at + ".items", found);
        }
    }
}

package dev.ratchet.core.plan;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;

import dev.ratchet.core.json.Json;

/**
 * Every plan the simulated planner model is scripted to give (the demo scenarios, the planner's and the local
 * cluster's test scenarios) is an instance of {@link PlanSchema}: the simulator answers a structured request only with
 * one, so a scripted plan outside it would fail its demo with a scenario error instead of planning.
 */
class ScriptedPlansTest {

    private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
    private static final List<String> PLANNER_PROMPTS = List.of("You are the planner of Ratchet",
            "One step of the plan failed every attempt");

    @Test
    void everyScriptedPlanMatchesTheSchemaAndParses() throws IOException {
        JsonSchema schema = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012).getSchema(PlanSchema.JSON);
        List<String> checked = new ArrayList<>();
        for (Path dir : List.of(ROOT.resolve("examples/scenarios"),
                ROOT.resolve("planner-service/src/test/resources/scenarios"),
                ROOT.resolve("ratchet-local/src/test/resources/scenarios"))) {
            try (Stream<Path> files = Files.walk(dir)) {
                for (Path file : files.filter(f -> f.toString().endsWith(".json")).toList()) {
                    JsonNode scenario = Json.mapper().readTree(file.toFile());
                    for (JsonNode rule : scenario.path("rules")) {
                        String conversation = rule.path("match").path("contains").toString();
                        if (PLANNER_PROMPTS.stream().noneMatch(conversation::contains)) {
                            continue;
                        }
                        JsonNode response = rule.path("response");
                        String content = response.has("contentFile")
                                ? Files.readString(file.getParent().resolve(response.path("contentFile").asText()))
                                : response.path("content").asText();
                        String name = ROOT.relativize(file) + ": " + rule.path("name").asText();
                        if (!content.strip().startsWith("{")) {
                            continue; // prose for a model without structured output (plans-without-json-schema)
                        }
                        assertThat(schema.validate(Json.mapper().readTree(content))).as(name).isEmpty();
                        if (!rule.path("name").asText().contains("a plan with no steps")) {
                            assertThat(PlanParser.parse(content, 20)).as(name).isNotEmpty();
                        }
                        checked.add(name);
                    }
                }
            }
        }
        assertThat(checked).hasSizeGreaterThan(15)
                .anyMatch(n -> n.contains("textstats-demo.json: planner: textstats plan"))
                .anyMatch(n -> n.contains("steer.json"));
    }
}

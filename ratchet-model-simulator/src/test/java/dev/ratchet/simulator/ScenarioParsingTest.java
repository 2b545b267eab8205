package dev.ratchet.simulator;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ScenarioParsingTest {

    private static String contentOf(Scenario scenario, String model, String conversation) {
        return scenario.claim(model, conversation).orElseThrow().response().content();
    }

    @Test
    void contentLinesAreJoinedWithNewlines() {
        Scenario scenario = Scenario.fromJson("""
                {"name": "lines", "rules": [{"name": "patch", "response": {"contentLines": ["*** Begin Patch", "*** End Patch"]}}]}
                """);

        assertThat(scenario.name()).isEqualTo("lines");
        assertThat(contentOf(scenario, "m", "")).isEqualTo("*** Begin Patch\n*** End Patch");
    }

    @Test
    void seedsMatchOnlyTheVariantsThatSentOneOfThem() throws ChatCall.BadRequest {
        Scenario scenario = Scenario.fromJson("""
                {"name": "variants", "rules": [
                  {"name": "failing variants", "match": {"seeds": [1, 3]}, "response": {"content": "broken"}},
                  {"name": "the rest", "response": {"content": "good"}}]}
                """);
        ChatCall variant3 = ChatCall.parse("""
                {"model": "m", "seed": 3, "messages": [{"role": "user", "content": "hi"}]}
                """.getBytes(StandardCharsets.UTF_8));

        assertThat(variant3.seed()).isEqualTo(3L);
        assertThat(scenario.claim("m", "", variant3.seed()).orElseThrow().response().content()).isEqualTo("broken");
        assertThat(scenario.claim("m", "", 2L).orElseThrow().response().content()).isEqualTo("good");
        assertThat(contentOf(scenario, "m", "")).as("no seed sent").isEqualTo("good");
        assertThatThrownBy(() -> Scenario.fromJson("""
                {"rules": [{"name": "r", "match": {"seeds": ["one"]}, "response": {"content": "x"}}]}
                """)).hasMessageContaining("\"seeds\" must be an array of whole numbers");
    }

    @Test
    void contentFileResolvesAgainstTheScenarioFilesDirectory(@TempDir Path dir) throws IOException {
        Files.createDirectories(dir.resolve("answers"));
        Files.writeString(dir.resolve("answers/plan.txt"), "step 1\nstep 2\n");
        Path file = dir.resolve("scenario.json");
        Files.writeString(file, """
                {"rules": [{"name": "plan", "response": {"contentFile": "answers/plan.txt"}}]}
                """);

        Scenario scenario = Scenario.load(file);

        assertThat(scenario.name()).isEqualTo("unnamed");
        assertThat(contentOf(scenario, "m", "")).isEqualTo("step 1\nstep 2\n");
    }

    @Test
    void contentFileOfAResourceResolvesAgainstItsPackage() {
        Scenario scenario = Scenario.fromResource("scenarios/with-file.json");

        assertThat(scenario.name()).isEqualTo("with-file");
        assertThat(contentOf(scenario, "executor", "")).isEqualTo("*** Begin Patch\n*** Add File: hello.txt\n+hello\n*** End Patch\n");
        assertThat(scenario.modelNames()).containsExactly("executor");
    }

    @Test
    void unknownFieldsAreRejectedSoTyposFailLoudly() {
        assertThatThrownBy(() -> Scenario.fromJson("""
                {"rules": [{"name": "typo", "match": {"contain": ["x"]}, "response": {"content": "x"}}]}
                """))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("rule 1 ('typo') match: unknown field \"contain\"");
    }

    @Test
    void invalidScenariosAreRejectedWithTheirOrigin() {
        assertThatThrownBy(() -> Scenario.fromJson("{\"rules\": []}"))
                .hasMessage("scenario inline JSON: needs a non-empty \"rules\" array");
        assertThatThrownBy(() -> Scenario.fromJson("{\"rules\": [{\"name\": \"a\", \"response\": {\"content\": \"x\", \"contentLines\": [\"y\"]}}]}"))
                .hasMessageContaining("give only one of content, contentLines, contentFile");
        assertThatThrownBy(() -> Scenario.fromJson("{\"rules\": [{\"name\": \"a\", \"times\": 0, \"response\": {}}]}"))
                .hasMessageContaining("\"times\" must be a positive integer");
        assertThatThrownBy(() -> Scenario.fromJson("{\"rules\": [{\"name\": \"a\", \"response\": {\"status\": 99}}]}"))
                .hasMessageContaining("rule 1 ('a'): status must be an HTTP status");
        assertThatThrownBy(() -> Scenario.fromJson("{\"rules\": [")).hasMessageContaining("is not valid JSON");
    }

    @Test
    void defaultsAreAnEmptySuccessfulStop() {
        Scenario scenario = Scenario.fromJson("{\"rules\": [{\"response\": {}}]}");

        ScriptedResponse response = scenario.claim("m", "").orElseThrow().response();
        assertThat(response.content()).isEmpty();
        assertThat(response.status()).isEqualTo(200);
        assertThat(response.finishReason()).isEqualTo("stop");
        assertThat(scenario.modelNames()).isEmpty();
    }
}

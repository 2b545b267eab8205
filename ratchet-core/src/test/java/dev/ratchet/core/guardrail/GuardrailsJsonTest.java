package dev.ratchet.core.guardrail;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;

import dev.ratchet.core.json.Json;

/** Guardrails in JSON, as {@code POST /api/v1/sessions} will take them, and merged as steering will change them. */
class GuardrailsJsonTest {

    /** A request body that carries guardrails, as the planner's API will. */
    record Request(String goal, GuardrailsUpdate guardrails) {
    }

    @Test
    void defaultsAreWrittenWithEveryField() {
        assertThat(Json.write(Guardrails.DEFAULTS)).isEqualTo("{\"allow\":[\"**\"],\"readOnly\":[],\"forbid\":"
                + "[\".git/**\",\".env*\",\"**/*.pem\",\"**/id_rsa*\",\"**/*.key\"],\"deletes\":false,"
                + "\"maxChangedLines\":400,\"maxFileChangedLines\":400,\"maxNewFiles\":20}");
    }

    @Test
    void aWrittenValueReadsBackEqual() {
        Guardrails custom = new Guardrails(List.of("src/**"), List.of("docs/**"), List.of(".git/**"), true, 50, 20, 0);

        assertThat(Json.read(Json.write(custom), Guardrails.class)).isEqualTo(custom);
    }

    @Test
    void missingFieldsTakeTheDefaults() {
        assertThat(Json.read("{}", Guardrails.class)).isEqualTo(Guardrails.DEFAULTS);
        assertThat(Json.read("{\"deletes\":true,\"maxNewFiles\":null}", Guardrails.class))
                .isEqualTo(Guardrails.DEFAULTS.merge(new GuardrailsUpdate(null, null, null, true, null, null, null)));
    }

    @Test
    void aPartialObjectReplacesOnlyTheFieldsItGives() {
        Guardrails session = Guardrails.DEFAULTS.merge(Json.read("{\"allow\":[\"src/**\"],\"maxChangedLines\":100}",
                GuardrailsUpdate.class));
        Guardrails steered = session.merge(Json.read("{\"forbid\":[\"secrets/**\"],\"deletes\":true}",
                GuardrailsUpdate.class));

        assertThat(steered).isEqualTo(new Guardrails(List.of("src/**"), List.of(), List.of("secrets/**"), true, 100,
                400, 20));
        assertThat(steered.merge(GuardrailsUpdate.NONE)).isEqualTo(steered);
        assertThat(Json.write(new GuardrailsUpdate(null, null, null, true, null, null, null)))
                .isEqualTo("{\"deletes\":true}");
    }

    @Test
    void anUnknownFieldIsAnErrorNamingIt() {
        assertThatThrownBy(() -> Json.read("{\"maxChangedLine\":10}", GuardrailsUpdate.class))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("invalid GuardrailsUpdate JSON: unknown field guardrails.maxChangedLine (known: allow, "
                        + "readOnly, forbid, deletes, maxChangedLines, maxFileChangedLines, maxNewFiles)");
        assertThatThrownBy(() -> Json.read("{\"symlinks\":true}", Guardrails.class))
                .hasMessageContaining("unknown field guardrails.symlinks");
    }

    @Test
    void insideARequestTheErrorCarriesThePathToTheField() {
        assertThatThrownBy(() -> Json.mapper().readValue("{\"goal\":\"g\",\"guardrails\":{\"allowed\":[]}}",
                Request.class))
                .isInstanceOfSatisfying(UnrecognizedPropertyException.class, e -> {
                    assertThat(e.getPropertyName()).isEqualTo("allowed");
                    assertThat(path(e)).as("ends at the unknown field itself").isEqualTo("guardrails.allowed");
                });
        assertThatThrownBy(() -> Json.mapper().readValue("{\"guardrails\":{\"maxNewFiles\":-1}}", Request.class))
                .isInstanceOfSatisfying(InvalidFormatException.class, e -> {
                    assertThat(e.getOriginalMessage()).isEqualTo("guardrails.maxNewFiles must be between 0 and "
                            + "100000, was -1");
                    assertThat(path(e)).isEqualTo("guardrails.maxNewFiles");
                });
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            {"deletes":"yes"}                | guardrails.deletes must be true or false
            {"maxChangedLines":0}            | guardrails.maxChangedLines must be between 1 and 100000, was 0
            {"maxFileChangedLines":2.5}      | guardrails.maxFileChangedLines must be a whole number
            {"maxNewFiles":99999999999}      | guardrails.maxNewFiles must be a whole number
            {"allow":"src/**"}               | guardrails.allow must be a list of glob strings
            {"forbid":[1]}                   | guardrails.forbid must be a list of glob strings
            {"readOnly":[""]}                | guardrails.readOnly holds an empty glob or one over 256 characters
            {"allow":["src/[x"]}             | guardrails.allow: pattern src/[x has an unclosed '['
            []                               | guardrails must be a JSON object
            """)
    void badValuesAreErrorsNamingTheField(String json, String message) {
        assertThatThrownBy(() -> Json.read(json, GuardrailsUpdate.class))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("invalid GuardrailsUpdate JSON: " + message);
    }

    private static String path(JsonMappingException e) {
        return e.getPath().stream().map(JsonMappingException.Reference::getFieldName)
                .collect(Collectors.joining("."));
    }
}

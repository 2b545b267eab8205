package dev.ratchet.core.hooks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;


import dev.ratchet.core.Fixtures;
import dev.ratchet.core.json.Json;

/**
 * CloudEvents as the specification's own JSON-format examples write them (fixtures/cloudevents/json-format.md), in
 * structured mode and re-encoded in HTTP binary mode as the document shows, and every broken rule named.
 */
class CiEventsTest {

    /** Each example of the document: a JSON event, then the same event in HTTP binary mode. */
    record Example(String json, Map<String, String> headers, String body) {
    }

    static List<Example> examples() {
        String doc = Fixtures.read("cloudevents/json-format.md");
        Matcher m = Pattern.compile("```JSON\\n(\\{\\s*\"specversion\".*?)```\\s*\\nThe above example re-encoded "
                + "using \\[HTTP Binary Content Mode]\\[http-binary]:\\s*```\\n(.*?)```", Pattern.DOTALL).matcher(doc);
        List<Example> examples = new ArrayList<>();
        while (m.find()) {
            String[] parts = m.group(2).split("\\n\\n", 2);
            Map<String, String> headers = new LinkedHashMap<>();
            for (String line : parts[0].split("\\n")) {
                headers.put(line.substring(0, line.indexOf(':')).strip(), line.substring(line.indexOf(':') + 1)
                        .strip());
            }
            examples.add(new Example(m.group(1), headers, parts.length > 1 ? parts[1] : ""));
        }
        return examples;
    }

    @Test
    void theSpecificationsJsonDataExampleReadsTheSameInBothModes() {
        Example json = examples().stream().filter(e -> e.json().contains("\"appinfoA\"")).findFirst().orElseThrow();

        CiEvent structured = CiEvents.structured(json.json().getBytes(StandardCharsets.UTF_8));
        CiEvent binary = CiEvents.binary(json.headers(), json.headers().get("content-type"),
                json.body().getBytes(StandardCharsets.UTF_8));

        assertThat(structured.type()).isEqualTo("com.example.someevent");
        assertThat(structured.source()).isEqualTo("/mycontext");
        assertThat(structured.id()).isEqualTo("C234-1234-1234");
        assertThat(structured.at("/data/appinfoB").asInt()).isEqualTo(123);
        for (String pointer : List.of("/specversion", "/type", "/source", "/id", "/time", "/comexampleextension1",
                "/datacontenttype", "/data")) {
            assertThat(binary.at(pointer)).as(pointer).isEqualTo(structured.at(pointer));
        }
        assertThat(binary.at("/comexampleothervalue").asText()).as("a header is always text").isEqualTo("5");
    }

    @Test
    void everyExampleOfTheSpecificationIsAValidEventInBothModes() {
        List<Example> all = examples();
        assertThat(all).as("the document's examples with a binary re-encoding").hasSizeGreaterThanOrEqualTo(4);
        for (Example e : all) {
            CiEvent structured = CiEvents.structured(e.json().getBytes(StandardCharsets.UTF_8));
            CiEvent binary = CiEvents.binary(e.headers(), e.headers().get("content-type"),
                    e.body().getBytes(StandardCharsets.UTF_8));
            assertThat(binary.id()).isEqualTo(structured.id());
            assertThat(binary.type()).isEqualTo(structured.type());
        }
    }

    @Test
    void eachRequiredAttributeIsNamedWhenMissingInEitherMode() {
        for (String attribute : List.of("specversion", "id", "source", "type")) {
            Map<String, Object> event = new LinkedHashMap<>(Map.of("specversion", "1.0", "id", "1", "source",
                    "/ci/jenkins", "type", "org.jenkins.build.failed"));
            event.remove(attribute);
            assertThatThrownBy(() -> CiEvents.structured(Json.write(event).getBytes(StandardCharsets.UTF_8)))
                    .isInstanceOfSatisfying(PayloadException.class, p -> {
                        assertThat(p.field()).isEqualTo(attribute);
                        assertThat(p.reason()).isEqualTo("is required");
                    });
            Map<String, String> headers = new LinkedHashMap<>();
            event.forEach((k, v) -> headers.put("ce-" + k, v.toString()));
            assertThatThrownBy(() -> CiEvents.binary(headers, "application/json", "{}".getBytes()))
                    .isInstanceOfSatisfying(PayloadException.class, p -> assertThat(p.field())
                            .isEqualTo("ce-" + attribute));
        }
    }

    @Test
    void brokenRulesAreNamedWithWhy() {
        assertThat(field("{\"specversion\":\"0.3\",\"id\":\"1\",\"source\":\"/s\",\"type\":\"t\"}"))
                .isEqualTo("specversion: must be 1.0, not '0.3'");
        assertThat(field("{\"specversion\":\"1.0\",\"id\":\"\",\"source\":\"/s\",\"type\":\"t\"}"))
                .isEqualTo("id: must be a non-empty string");
        assertThat(field("{\"specversion\":\"1.0\",\"id\":7,\"source\":\"/s\",\"type\":\"t\"}"))
                .isEqualTo("id: must be a non-empty string");
        assertThat(field("{\"specversion\":\"1.0\",\"id\":\"1\",\"source\":\"/s\",\"type\":\"t\",\"subject\":\"\"}"))
                .isEqualTo("subject: must be a non-empty string");
        assertThat(field("{\"specversion\":\"1.0\",\"id\":\"1\",\"source\":\"/s\",\"type\":\"t\",\"time\":\"today\"}"))
                .isEqualTo("time: must be an RFC 3339 timestamp");
        assertThat(field("{\"specversion\":\"1.0\",\"id\":\"1\",\"source\":\"/s\",\"type\":\"t\",\"data\":1,"
                + "\"data_base64\":\"AQ==\"}")).isEqualTo("data_base64: must not be given with data");
        assertThat(field("[1]")).isEqualTo("body: must be a JSON object (a CloudEvent in structured mode)");
        assertThat(field("{\"specversion\":\"1.0\",\"id\":\"" + "x".repeat(513) + "\",\"source\":\"/s\",\"type\":\"t\"}"))
                .isEqualTo("id: has 513 characters, over the limit of 512");
        assertThatThrownBy(() -> CiEvents.binary(Map.of("ce-specversion", "1.0", "ce-id", "1", "ce-source", "/s",
                "ce-type", "t"), "application/json", "{not json".getBytes()))
                .hasMessage("data: is not JSON, though Content-Type is application/json");
        assertThatThrownBy(() -> CiEvents.binary(Map.of("ce-specversion", "1.0", "ce-Bad_Name", "x"), null,
                new byte[0])).hasMessageStartingWith("ce-bad_name: is not a CloudEvents attribute name");
    }

    @Test
    void binaryModeIsToldByItsSpecversionHeaderAndANonJsonBodyIsText() {
        assertThat(CiEvents.isBinary(Map.of("Ce-Specversion", "1.0"))).isTrue();
        assertThat(CiEvents.isBinary(Map.of("content-type", "application/json"))).isFalse();
        CiEvent xml = CiEvents.binary(Map.of("ce-specversion", "1.0", "ce-id", "1", "ce-source", "/s", "ce-type", "t"),
                "application/xml", "<much wow=\"xml\"/>".getBytes(StandardCharsets.UTF_8));
        assertThat(xml.at("/data").asText()).isEqualTo("<much wow=\"xml\"/>");
    }

    /**
     * The Kafka binding's binary example (fixtures/cloudevents/kafka-protocol-binding.md, 3.2.5), its headers as the
     * document lists them (the quotes around values are the document's notation, not part of the value).
     */
    static Map<String, String> kafkaBinaryExample() {
        String doc = Fixtures.read("cloudevents/kafka-protocol-binding.md");
        Matcher m = Pattern.compile("-+ headers -+\\n\\n(ce_specversion.*?)\\s+\\.\\.\\.\\. further", Pattern.DOTALL)
                .matcher(doc);
        assertThat(m.find()).as("the binding's binary example").isTrue();
        Map<String, String> headers = new LinkedHashMap<>();
        for (String line : m.group(1).split("\\n")) {
            String value = line.substring(line.indexOf(':') + 1).strip();
            headers.put(line.substring(0, line.indexOf(':')).strip(), value.replaceAll("^\"(.*)\"$", "$1"));
        }
        return headers;
    }

    @Test
    void theKafkaBindingsBinaryExampleReadsWithContentTypeAsDatacontenttype() {
        Map<String, String> headers = kafkaBinaryExample();
        assertThat(headers).containsEntry("content-type", "application/avro");

        CiEvent event = CiEvents.kafka(headers, "avro bytes".getBytes(StandardCharsets.UTF_8));

        assertThat(event.type()).isEqualTo("com.example.someevent");
        assertThat(event.source()).isEqualTo("/mycontext/subcontext");
        assertThat(event.id()).isEqualTo("1234-1234-1234");
        assertThat(event.at("/time").asText()).isEqualTo("2018-04-05T03:56:24Z");
        assertThat(event.at("/datacontenttype").asText()).isEqualTo("application/avro");
        assertThat(event.at("/data").asText()).isEqualTo("avro bytes");
    }

    @Test
    void aKafkaRecordInStructuredModeIsTheEventWhateverItsHeaders() {
        Example json = examples().stream().filter(e -> e.json().contains("\"appinfoA\"")).findFirst().orElseThrow();

        CiEvent event = CiEvents.kafka(Map.of("Content-Type", "application/cloudevents+json; charset=UTF-8",
                "ce_id", "a header the structured mode does not read"), json.json().getBytes(StandardCharsets.UTF_8));

        assertThat(event.id()).isEqualTo("C234-1234-1234");
        assertThat(event.at("/data/appinfoB").asInt()).isEqualTo(123);
    }

    @Test
    void aKafkaRecordThatIsNoCloudEventIsNamedByWhatItLacks() {
        assertThatThrownBy(() -> CiEvents.kafka(Map.of(), "{}".getBytes()))
                .isInstanceOfSatisfying(PayloadException.class, p -> {
                    assertThat(p.field()).isEqualTo("ce_specversion");
                    assertThat(p.reason()).startsWith("is missing: a record must be a CloudEvent");
                });
        Map<String, String> noSource = new LinkedHashMap<>(kafkaBinaryExample());
        noSource.remove("ce_source");
        assertThatThrownBy(() -> CiEvents.kafka(noSource, null)).hasMessage("ce_source: is required");
        assertThatThrownBy(() -> CiEvents.kafka(Map.of("content-type", "application/cloudevents-batch+json"),
                "[]".getBytes())).hasMessageStartingWith("content-type: is a batch");
        assertThatThrownBy(() -> CiEvents.kafka(Map.of("content-type", "application/cloudevents+json"), null))
                .isInstanceOf(PayloadException.class).hasMessageStartingWith("body:");
    }

    private static String field(String json) {
        try {
            CiEvents.structured(json.getBytes(StandardCharsets.UTF_8));
            return "valid";
        } catch (PayloadException e) {
            return e.getMessage();
        }
    }
}

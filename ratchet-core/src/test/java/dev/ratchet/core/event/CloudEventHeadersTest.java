package dev.ratchet.core.event;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import dev.ratchet.core.Fixtures;

/** The header constants, checked against the CloudEvents Kafka protocol binding (cloudevents/spec). */
class CloudEventHeadersTest {

    private static String spec;

    @BeforeAll
    static void readSpec() {
        spec = Fixtures.read("cloudevents/kafka-protocol-binding.md");
    }

    /** The names producers write and consumers read, as literals: renaming a constant cannot rename a header. */
    @Test
    void headerNamesAndValuesAreTheGoldenOnes() {
        assertThat(CloudEventHeaders.SPEC_VERSION).isEqualTo("ce_specversion");
        assertThat(CloudEventHeaders.ID).isEqualTo("ce_id");
        assertThat(CloudEventHeaders.SOURCE).isEqualTo("ce_source");
        assertThat(CloudEventHeaders.TYPE).isEqualTo("ce_type");
        assertThat(CloudEventHeaders.TIME).isEqualTo("ce_time");
        assertThat(CloudEventHeaders.SUBJECT).isEqualTo("ce_subject");
        assertThat(CloudEventHeaders.CONTENT_TYPE).isEqualTo("content-type");
        assertThat(CloudEventHeaders.SPEC_VERSION_1_0).isEqualTo("1.0");
        assertThat(CloudEventHeaders.JSON).isEqualTo("application/json");
    }

    @Test
    void attributeHeadersAreTheAttributeNamePrefixedWithCe() {
        assertThat(spec).contains("CloudEvent attributes are prefixed with `ce_` for use in the");
        assertThat(spec).contains("* `id` maps to `" + CloudEventHeaders.ID + "`");
        assertThat(spec).contains("* `time` maps to `" + CloudEventHeaders.TIME + "`");
        assertThat(spec).contains("* `specversion` maps to `" + CloudEventHeaders.SPEC_VERSION + "`");
        for (String header : List.of(CloudEventHeaders.SPEC_VERSION, CloudEventHeaders.ID, CloudEventHeaders.SOURCE,
                CloudEventHeaders.TYPE, CloudEventHeaders.TIME, CloudEventHeaders.SUBJECT)) {
            assertThat(header).startsWith("ce_").matches("ce_[a-z0-9]+");
        }
    }

    @Test
    void binaryModeExampleUsesTheSameHeaders() {
        assertThat(spec).contains(CloudEventHeaders.SPEC_VERSION + ": \"" + CloudEventHeaders.SPEC_VERSION_1_0 + "\"\n");
        assertThat(spec).contains("\n" + CloudEventHeaders.TYPE + ": \"com.example.someevent\"\n");
        assertThat(spec).contains("\n" + CloudEventHeaders.SOURCE + ": \"/mycontext/subcontext\"\n");
        assertThat(spec).contains("\n" + CloudEventHeaders.ID + ": \"1234-1234-1234\"\n");
        assertThat(spec).contains("\n" + CloudEventHeaders.TIME + ": \"2018-04-05T03:56:24Z\"\n");
        assertThat(spec).contains("\n" + CloudEventHeaders.CONTENT_TYPE + ": application/avro\n");
    }

    @Test
    void dataMediaTypeGoesInTheUnprefixedContentTypeHeader() {
        assertThat(spec).contains("For the _binary_ mode, the header `" + CloudEventHeaders.CONTENT_TYPE
                + "` property MUST be mapped\ndirectly to the CloudEvents `datacontenttype` attribute.");
        assertThat(CloudEventHeaders.CONTENT_TYPE).doesNotStartWith("ce_");
    }
}

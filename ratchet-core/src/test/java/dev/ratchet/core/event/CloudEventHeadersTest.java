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
        assertThat(CloudEventHeaders.SUBJECT).isEqualTo("ce_" + "subject");
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
        assertThat(CloudEventHeaders.JSON).isEqualTo("application/json");
    }
}

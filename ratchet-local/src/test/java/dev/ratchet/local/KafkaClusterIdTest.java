package dev.ratchet.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;

import org.apache.kafka.common.Uuid;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KafkaClusterIdTest {

    @TempDir
    Path kafka;

    @Test
    void aNewStateDirectoryGetsANewIdThatIsKept() throws Exception {
        String id = KafkaBroker.clusterId(kafka);

        assertThat(Uuid.fromString(id).toString()).isEqualTo(id);
        assertThat(Files.readString(kafka.resolve("cluster-id")).strip()).isEqualTo(id);
        assertThat(KafkaBroker.clusterId(kafka)).isEqualTo(id);
    }

    @Test
    void aFormattedLogDirectoryWithoutTheFileKeepsItsOwnId() throws Exception {
        // meta.properties as a KRaft broker writes it when it formats its log directory.
        Files.createDirectories(kafka.resolve("data"));
        Files.writeString(kafka.resolve("data/meta.properties"), "#\nnode.id=1\ndirectory.id=KLcRAYYTQd9mJAVgTZ2oNg\n"
                + "version=1\ncluster.id=clSKFa_ySi6MCi2i9aU9nw\n");

        assertThat(KafkaBroker.clusterId(kafka)).isEqualTo("clSKFa_ySi6MCi2i9aU9nw");
        assertThat(Files.readString(kafka.resolve("cluster-id")).strip()).isEqualTo("clSKFa_ySi6MCi2i9aU9nw");
    }

    @Test
    void theLogDirectoryWinsOverAFileThatDisagrees() throws Exception {
        Files.writeString(kafka.resolve("cluster-id"), "Z9HdaGRNSd65EUxzxewqdg\n");
        Files.createDirectories(kafka.resolve("data"));
        Files.writeString(kafka.resolve("data/meta.properties"),
                "node.id=1\nversion=1\ncluster.id=clSKFa_ySi6MCi2i9aU9nw\n");

        assertThat(KafkaBroker.clusterId(kafka)).isEqualTo("clSKFa_ySi6MCi2i9aU9nw");
        assertThat(Files.readString(kafka.resolve("cluster-id")).strip()).isEqualTo("clSKFa_ySi6MCi2i9aU9nw");
    }

    @Test
    void aDamagedFileIsReportedWithTheWayOut() throws Exception {
        Files.writeString(kafka.resolve("cluster-id"), "not an id\n");

        assertThatThrownBy(() -> KafkaBroker.clusterId(kafka)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("start with --fresh");
    }
}

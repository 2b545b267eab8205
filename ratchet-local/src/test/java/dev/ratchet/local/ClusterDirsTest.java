package dev.ratchet.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ClusterDirsTest {

    @TempDir
    Path root;

    @Test
    void aKeptStartKeepsRedisAndKafkaRotatesTheLogsAndEmptiesTheClones() throws Exception {
        try (ClusterDirs first = ClusterDirs.open(root, false)) {
            Files.writeString(first.redis().resolve("appendonly.aof"), "*1\r\n");
            Files.writeString(first.kafka().resolve("cluster-id"), "id\n");
            Files.writeString(first.log("redis"), "first run\n");
            Files.writeString(first.work().resolve("clone"), "cache");
        }

        try (ClusterDirs second = ClusterDirs.open(root, false)) {
            assertThat(second.redis().resolve("appendonly.aof")).hasContent("*1\r\n");
            assertThat(second.kafka().resolve("cluster-id")).hasContent("id\n");
            assertThat(second.previousLogs().resolve("redis.log")).hasContent("first run\n");
            assertThat(second.logs()).isEmptyDirectory();
            assertThat(second.work()).isEmptyDirectory();
        }
    }

    @Test
    void aFreshStartEmptiesEverything() throws Exception {
        try (ClusterDirs first = ClusterDirs.open(root, false)) {
            Files.writeString(first.redis().resolve("appendonly.aof"), "*1\r\n");
            Files.writeString(first.kafka().resolve("cluster-id"), "id\n");
        }

        try (ClusterDirs fresh = ClusterDirs.open(root, true)) {
            assertThat(fresh.redis()).isEmptyDirectory();
            assertThat(fresh.kafka()).isEmptyDirectory();
            assertThat(fresh.previousLogs()).doesNotExist();
        }
    }

    @Test
    void twoClustersNeverShareOneDirectory() {
        try (ClusterDirs running = ClusterDirs.open(root, false)) {
            assertThatThrownBy(() -> ClusterDirs.open(root, true)).hasMessageContaining("another local cluster uses "
                    + root);
            assertThat(running.redis()).exists();
        }
        ClusterDirs.open(root, false).close();
    }
}

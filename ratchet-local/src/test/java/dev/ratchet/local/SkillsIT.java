package dev.ratchet.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;

import dev.ratchet.core.json.Json;
import dev.ratchet.core.store.RedisKeys;
import redis.clients.jedis.Jedis;

/**
 * Skills on the whole cluster as `./ratchet` runs it: the demo run three times leaves one skill with three
 * statistics, and `./ratchet skills import|export` carry skill folders between the agents' layouts and the
 * registry byte for byte.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SkillsIT {

    static LocalCluster cluster;
    static LocalLayout layout;
    static Jedis redis;
    static final List<String> demoSessions = new ArrayList<>();

    @TempDir
    static Path work;

    @BeforeAll
    static void startCluster() {
        layout = LocalLayout.fromEnvironment();
        cluster = LocalCluster.start(layout, LocalCluster.Options.defaults()
                .withState(layout.stateDir().resolve("skills-it"), true), line -> { });
        redis = new Jedis(URI.create(cluster.redisUrl()));
    }

    @AfterAll
    static void stopCluster() {
        if (redis != null) {
            redis.close();
        }
        if (cluster != null) {
            cluster.close();
        }
    }

    @Test
    @Order(1)
    void theDemoRunThreeTimesLeavesOneSkillWithThreeStatistics() throws Exception {
        for (int i = 0; i < 3; i++) {
            Demo.Result result = Demo.run(layout, cluster.planner(), line -> { });
            assertThat(result.status()).isEqualTo("COMPLETED");
            demoSessions.add(result.sessionId());
        }

        await().atMost(Duration.ofSeconds(60)).until(() -> demoSessions.stream()
                .allMatch(s -> redis.hget(RedisKeys.SKILL_SESSIONS, s) != null));
        List<String> names = demoSessions.stream().map(s -> redis.hget(RedisKeys.SKILL_SESSIONS, s)).distinct()
                .toList();
        assertThat(names).hasSize(1);
        JsonNode skill = Json.read(get("/api/v1/skills/" + names.get(0)), JsonNode.class);
        assertThat(skill.path("stats").path("captures").asInt()).isEqualTo(3);
        assertThat(skill.path("latest").asInt()).isEqualTo(1);
        assertThat(skill.path("status").asText()).isEqualTo("candidate");
        JsonNode list = Json.read(get("/api/v1/skills"), JsonNode.class);
        assertThat(list.path("items")).hasSize(1);
    }

    @Test
    @Order(2)
    void importAndExportCarryFoldersByteForByte() throws IOException {
        Path repo = work.resolve("repo");
        Path source = Path.of("../skills-registry/src/test/resources/fixture-skills").toAbsolutePath().normalize();
        copy(source.resolve("brand-guidelines"), repo.resolve(".claude/skills/brand-guidelines"));
        copy(source.resolve("webapp-testing"), repo.resolve(".codex/skills/webapp-testing"));
        Path script = repo.resolve(".agents/skills/tidy/scripts/tidy.sh");
        Files.createDirectories(script.getParent());
        Files.writeString(script.getParent().getParent().resolve("SKILL.md"), "---\nname: tidy\ndescription: Tidies."
                + "\n---\n\n# Tidy\n");
        Files.writeString(script, "#!/bin/sh\necho tidy\n");
        script.toFile().setExecutable(true);

        CommandRun imported = skills("import", repo.toString());

        assertThat(imported.exit()).as(imported.err()).isZero();
        assertThat(imported.outLines()).contains("3 of 3 skills imported")
                .anyMatch(l -> l.startsWith("imported brand-guidelines@1 (new skill) from "))
                .anyMatch(l -> l.startsWith("imported tidy@1 (new skill) from "));
        assertThat(skills("import", repo.toString()).outLines())
                .anyMatch(l -> l.startsWith("imported tidy@1 (unchanged) from "));

        Path out = work.resolve("exported");
        CommandRun exported = skills("export", out.toString(), "--layout", "claude");
        assertThat(exported.exit()).as(exported.err()).isZero();
        Path claude = out.resolve(".claude/skills");
        assertSameFiles(repo.resolve(".claude/skills/brand-guidelines"), claude.resolve("brand-guidelines"));
        assertSameFiles(repo.resolve(".codex/skills/webapp-testing"), claude.resolve("webapp-testing"));
        assertSameFiles(repo.resolve(".agents/skills/tidy"), claude.resolve("tidy"));
        assertThat(Files.isExecutable(claude.resolve("tidy/scripts/tidy.sh"))).isTrue();

        Files.writeString(claude.resolve("tidy/SKILL.md"), "changed");
        CommandRun again = skills("export", out.toString(), "--layout", "claude", "--name", "tidy");
        assertThat(again.exit()).isEqualTo(1);
        assertThat(again.err()).contains("skipped tidy: ").contains("exists and differs (--overwrite replaces it)");
        assertThat(skills("export", out.toString(), "--layout", "claude", "--name", "tidy", "--overwrite").exit())
                .isZero();
        assertSameFiles(repo.resolve(".agents/skills/tidy"), claude.resolve("tidy"));
    }

    @Test
    @Order(3)
    void anInvalidSkillIsReportedWithItsRules() throws IOException {
        Path bad = work.resolve("bad/.ratchet/skills/Bad-Name");
        Files.createDirectories(bad);
        Files.writeString(bad.resolve("SKILL.md"), "---\nname: Bad-Name\ndescription: ''\n---\n");

        CommandRun run = skills("import", work.resolve("bad").toString());

        assertThat(run.exit()).isEqualTo(1);
        assertThat(run.err()).contains("rejected " + bad + ":")
                .contains("  name-characters (name): may only contain a-z, 0-9 and '-': Bad-Name")
                .contains("  description-length (description): ");
    }

    private static CommandRun skills(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        List<String> all = new ArrayList<>(List.of(args));
        all.addAll(List.of("--registry", cluster.skillsUrl(), "--key-file", cluster.apiKeyFile().toString()));
        int exit = SkillsCommand.run(layout, all, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        return new CommandRun(exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    private static void copy(Path from, Path to) throws IOException {
        try (Stream<Path> files = Files.walk(from)) {
            for (Path f : files.filter(Files::isRegularFile).toList()) {
                Path target = to.resolve(from.relativize(f).toString());
                Files.createDirectories(target.getParent());
                Files.copy(f, target);
            }
        }
    }

    private static void assertSameFiles(Path expected, Path actual) throws IOException {
        try (Stream<Path> files = Files.walk(expected)) {
            for (Path f : files.filter(Files::isRegularFile).toList()) {
                assertThat(Files.readAllBytes(actual.resolve(expected.relativize(f).toString()))).as(f.toString())
                        .isEqualTo(Files.readAllBytes(f));
            }
        }
        try (Stream<Path> files = Files.walk(actual)) {
            assertThat(files.filter(Files::isRegularFile).count()).isEqualTo(countFiles(expected));
        }
    }

    private static long countFiles(Path dir) throws IOException {
        try (Stream<Path> files = Files.walk(dir)) {
            return files.filter(Files::isRegularFile).count();
        }
    }

    private static String get(String path) throws Exception {
        HttpResponse<String> response = HttpClient.newHttpClient().send(cluster.skills().request(path).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return response.body();
    }
}

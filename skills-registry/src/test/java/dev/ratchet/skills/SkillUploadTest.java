package dev.ratchet.skills;

import static dev.ratchet.core.skill.archive.Archives.Entry.file;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import dev.ratchet.core.skill.SkillFolder;
import dev.ratchet.core.skill.archive.ArchiveLimits;
import dev.ratchet.core.skill.archive.Archives.Entry;
import dev.ratchet.core.skill.archive.Archives;
import dev.ratchet.core.skill.archive.SkillArchives;
import dev.ratchet.core.store.RedisKeys;
import dev.ratchet.testing.KafkaResource;
import dev.ratchet.testing.RedisResource;
import dev.ratchet.testing.TestKeys;
import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ValidatableResponse;

/**
 * Skills uploaded as a SKILL.md or an archive: versions only for changed content, the real skills of anthropics/skills
 * back byte for byte, every rejected upload a problem naming its rule and field with nothing stored.
 */
@QuarkusTest
@WithTestResource(KafkaResource.class)
@WithTestResource(RedisResource.class)
class SkillUploadTest {

    @BeforeEach
    void authorize() {
        TestKeys.authorize(redis);
    }

    @Inject
    RedisDataSource redis;

    static String skillMd(String name, String description) {
        return "---\nname: " + name + "\ndescription: " + description + "\n---\n\n# " + name + "\n\nDo it.\n";
    }

    static ValidatableResponse upload(String contentType, byte[] body) {
        return given().contentType(contentType).body(body).post("/api/v1/skills").then();
    }

    static Stream<Path> fixtureSkills() throws IOException, URISyntaxException {
        Path root = Path.of(SkillUploadTest.class.getResource("/fixture-skills").toURI());
        try (Stream<Path> children = Files.list(root)) {
            return children.filter(p -> Files.isRegularFile(p.resolve("SKILL.md"))).sorted().toList().stream();
        }
    }

    @Test
    void aSkillMdUploadIsVersionedOnlyWhenItChanges() {
        byte[] first = skillMd("tidy-imports", "Sorts imports. Use when imports are out of order.")
                .getBytes(StandardCharsets.UTF_8);

        upload("text/markdown", first).statusCode(201).header("Location", endsWith("/api/v1/skills/tidy-imports"))
                .body("name", equalTo("tidy-imports")).body("version", equalTo(1))
                .body("newVersion", equalTo(true)).body("newSkill", equalTo(true));
        upload("text/markdown; charset=utf-8", first).statusCode(200).body("version", equalTo(1))
                .body("newVersion", equalTo(false));
        upload("text/markdown", skillMd("tidy-imports", "Sorts and groups imports. Use when imports are out of "
                + "order.").getBytes(StandardCharsets.UTF_8)).statusCode(201).body("version", equalTo(2))
                .body("newSkill", equalTo(false));

        given().get("/api/v1/skills/tidy-imports").then().statusCode(200)
                .body("latest", equalTo(2)).body("origin", equalTo("uploaded")).body("status", equalTo("candidate"))
                .body("versions.version", equalTo(List.of(1, 2))).body("versions.source", equalTo(List.of("upload",
                        "upload"))).body("description", equalTo("Sorts and groups imports. Use when imports are "
                                + "out of order."));
        assertThat(given().queryParam("version", 1).get("/api/v1/skills/tidy-imports/SKILL.md").then().statusCode(200)
                .extract().asByteArray()).isEqualTo(first);
        given().queryParam("version", 3).get("/api/v1/skills/tidy-imports/SKILL.md").then().statusCode(400)
                .body("errors[0].field", equalTo("version"));
    }

    @Test
    void aSkillMdUploadKeepsTheFolderItsOtherFiles() {
        upload("application/zip", Archives.zip(file("with-script/SKILL.md", skillMd("with-script", "Runs a script.")),
                new Entry("with-script/scripts/run.sh", "#!/bin/sh\n".getBytes(StandardCharsets.UTF_8),
                        Archives.SCRIPT))).statusCode(201);

        upload("text/markdown", skillMd("with-script", "Runs the script.").getBytes(StandardCharsets.UTF_8))
                .statusCode(201).body("version", equalTo(2));

        SkillFolder v2 = SkillArchives.read(given().get("/api/v1/skills/with-script/archive").then().statusCode(200)
                .extract().asByteArray(), ArchiveLimits.DEFAULTS);
        assertThat(v2.files().keySet()).containsExactly("SKILL.md", "scripts/run.sh");
        assertThat(v2.files().get("scripts/run.sh").executable()).isTrue();
        assertThat(v2.document().description()).isEqualTo("Runs the script.");
    }

    @ParameterizedTest
    @MethodSource("fixtureSkills")
    void theRealSkillsComeBackByteForByte(Path folder) throws IOException {
        String name = folder.getFileName().toString();
        Map<String, byte[]> onDisk = new TreeMap<>();
        for (Entry e : Archives.entries(folder, "")) {
            onDisk.put(e.path(), e.content());
        }

        upload("application/gzip", Archives.tarGz(Archives.entries(folder, "./"))).statusCode(201)
                .body("name", equalTo(name)).body("version", equalTo(1));
        upload("application/zip", Archives.zip(Archives.entries(folder, name + "/"))).statusCode(200)
                .body("newVersion", equalTo(false));

        byte[] zip = given().get("/api/v1/skills/" + name + "/archive").then().statusCode(200)
                .contentType("application/zip")
                .header("Content-Disposition", "attachment; filename=\"" + name + ".zip\"")
                .extract().asByteArray();
        SkillFolder exported = SkillArchives.read(zip, ArchiveLimits.DEFAULTS);
        assertThat(exported.name()).isEqualTo(name);
        assertThat(exported.files().keySet()).containsExactlyElementsOf(onDisk.keySet());
        onDisk.forEach((path, bytes) -> assertThat(exported.files().get(path).content()).as(path).isEqualTo(bytes));
        assertThat(given().get("/api/v1/skills/" + name + "/SKILL.md").then().statusCode(200)
                .extract().asByteArray()).isEqualTo(onDisk.get("SKILL.md"));
        assertThat(given().get("/api/v1/skills/" + name + "/archive").then().extract().asByteArray())
                .as("the same content, the same zip").isEqualTo(zip);
    }

    static Stream<Object[]> rejected() {
        String ok = "description: Sorts imports.\n";
        byte[] zeros = new byte[8 << 20];
        return Stream.of(
                markdown("# no front matter\n", "front-matter-missing", "SKILL.md"),
                markdown("---\nname: rejected-a\n" + ok + "# unclosed\n", "front-matter-unclosed", "SKILL.md"),
                markdown("---\nname: [rejected-b\n" + ok + "---\n", "front-matter-yaml", "SKILL.md"),
                markdown("---\nname: rejected-c\n" + ok + "tags: [x]\n---\n", "unknown-field", "tags"),
                markdown("---\nname: Rejected-D\n" + ok + "---\n", "name-characters", "name"),
                markdown("---\nname: rejected-e\ndescription: " + "d".repeat(1025) + "\n---\n",
                        "description-length", "description"),
                markdown("---\nname: rejected-f\n" + ok + "compatibility: " + "c".repeat(501) + "\n---\n",
                        "compatibility-length", "compatibility"),
                markdown("---\nname: rejected-g\n" + ok + "metadata:\n  version: 1.0\n---\n", "metadata-string",
                        "metadata.version"),
                new Object[] {"text/markdown", ("---\nname: rejected-h\ndescription: Caf\u00e9.\n---\n")
                        .getBytes(StandardCharsets.ISO_8859_1), "utf-8", "SKILL.md"},
                archive(Archives.zip(file("rejected-i/SKILL.md", skillMd("other-name", "d"))), "name-folder", "name"),
                archive(Archives.zip(file("rejected-j/SKILL.md", skillMd("rejected-j", "d")),
                        file("../../evil.sh", "x")), "archive-parent-path", "../../evil.sh"),
                archive(Archives.zip(file("/etc/rejected-k", "x")), "archive-absolute-path", "/etc/rejected-k"),
                archive(Archives.tarGz(file("rejected-l/SKILL.md", skillMd("rejected-l", "d")), new Entry(
                        "rejected-l/link", "/etc/passwd".getBytes(StandardCharsets.UTF_8), Archives.SYMLINK)),
                        "archive-symlink", "rejected-l/link"),
                archive(Archives.zip(file("rejected-m/SKILL.md", skillMd("rejected-m", "d")),
                        file("rejected-m/SKILL.md", skillMd("rejected-m", "e"))), "archive-duplicate",
                        "rejected-m/SKILL.md"),
                archive(Archives.zip(file("rejected-n/SKILL.md", skillMd("rejected-n", "d")),
                        new Entry("rejected-n/assets/zeros", zeros, Archives.FILE)), "archive-compression-ratio",
                        "rejected-n/assets/zeros"),
                archive("not a zip".getBytes(StandardCharsets.UTF_8), "archive-format", "body"));
    }

    private static Object[] markdown(String text, String rule, String field) {
        return new Object[] {"text/markdown", text.getBytes(StandardCharsets.UTF_8), rule, field};
    }

    private static Object[] archive(byte[] bytes, String rule, String field) {
        return new Object[] {"application/zip", bytes, rule, field};
    }

    @ParameterizedTest(name = "{2}")
    @MethodSource("rejected")
    void aRejectedUploadNamesItsRuleAndFieldAndStoresNothing(String contentType, byte[] body, String rule,
            String field) {
        Long generation = redis.value(Long.class).get(RedisKeys.SKILLS_GENERATION);

        upload(contentType, body).statusCode(400).contentType("application/problem+json")
                .body("type", equalTo("urn:ratchet:problem:invalid-skill"))
                .body("title", equalTo("Invalid skill"))
                .body("instance", equalTo("/api/v1/skills"))
                .body("errors[0].rule", equalTo(rule))
                .body("errors[0].field", equalTo(field));

        assertThat(redis.value(Long.class).get(RedisKeys.SKILLS_GENERATION)).as("nothing written").isEqualTo(generation);
        assertThat(redis.key().keys("ratchet:skill:rejected-*")).isEmpty();
    }

    @Test
    void otherMediaTypesAreRefused() {
        given().contentType("application/json").body("{}").post("/api/v1/skills").then().statusCode(415)
                .contentType("application/problem+json")
                .body("detail", equalTo("send a SKILL.md as text/markdown, or a skill folder as application/zip or "
                        + "application/gzip (tar.gz), not application/json"));
    }

    @Test
    void theListPagesInNameOrderAndFilters() {
        for (String name : List.of("list-a", "list-b", "list-c")) {
            upload("text/markdown", skillMd(name, "Lists " + name + ".").getBytes(StandardCharsets.UTF_8))
                    .statusCode(201);
        }

        List<String> first = given().queryParam("q", "list-").queryParam("limit", 2).get("/api/v1/skills").then()
                .statusCode(200).body("nextCursor", equalTo("list-b")).extract().path("items.name");
        assertThat(first).containsExactly("list-a", "list-b");
        given().queryParam("q", "list-").queryParam("limit", 2).queryParam("cursor", "list-b").get("/api/v1/skills")
                .then().statusCode(200).body("items.name", equalTo(List.of("list-c")))
                .body("items[0].status", equalTo("candidate")).body("items[0].sourceSession", equalTo("upload"));
        given().queryParam("q", "LISTS LIST-C").get("/api/v1/skills").then().statusCode(200)
                .body("items.name", equalTo(List.of("list-c")));
        given().queryParam("cursor", "Not A Name").get("/api/v1/skills").then().statusCode(400)
                .body("errors[0].field", equalTo("cursor"));
    }

    @Test
    void aDeletedSkillIsGoneWithEveryKey() {
        upload("text/markdown", skillMd("to-delete", "Goes away.").getBytes(StandardCharsets.UTF_8)).statusCode(201);

        given().delete("/api/v1/skills/to-delete").then().statusCode(204);

        given().get("/api/v1/skills/to-delete").then().statusCode(404).contentType("application/problem+json");
        given().delete("/api/v1/skills/to-delete").then().statusCode(404);
        assertThat(redis.key().keys("ratchet:skill:to-delete*")).isEmpty();
        given().queryParam("q", "to-delete").get("/api/v1/skills").then().body("items.name", not(hasItem("to-delete")));
        upload("text/markdown", skillMd("to-delete", "Back again.").getBytes(StandardCharsets.UTF_8)).statusCode(201)
                .body("version", equalTo(1));
    }
}

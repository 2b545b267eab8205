package dev.ratchet.core.skill;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import dev.ratchet.core.Fixtures;

class SkillDocumentTest {

    /** The skill folders of anthropics/skills copied as fixtures, each with a SKILL.md. */
    static Stream<Path> skillFolders() throws IOException {
        List<Path> folders = new ArrayList<>();
        try (Stream<Path> children = Files.list(Fixtures.path("agent-skills"))) {
            children.filter(p -> Files.isRegularFile(p.resolve("SKILL.md"))).sorted().forEach(folders::add);
        }
        assertThat(folders).hasSizeGreaterThanOrEqualTo(3);
        return folders.stream();
    }

    private static String spec() {
        return Fixtures.read("agent-skills/SPEC-agent-skills.md");
    }

    private static SkillDocument withName(String name) {
        return new SkillDocument(name, "Does a thing. Use when a thing is needed.", null, null, Map.of(), "body\n");
    }

    @ParameterizedTest
    @MethodSource("skillFolders")
    void parsesEveryFixtureSkill(Path folder) throws IOException {
        String text = Files.readString(folder.resolve("SKILL.md"));

        SkillDocument doc = SkillDocument.parse(text);

        assertThat(doc.name()).isEqualTo(folder.getFileName().toString());
        assertThat(doc.description()).isNotBlank().hasSizeLessThanOrEqualTo(1024);
        assertThat(doc.license()).isEqualTo("Complete terms in LICENSE.txt");
        assertThat(Files.exists(folder.resolve("LICENSE.txt"))).isTrue();
        assertThat(doc.compatibility()).isNull();
        assertThat(doc.metadata()).isEmpty();
        assertThat(doc.violations()).isEmpty();
        assertThat(doc.body()).startsWith("#").doesNotStartWith("---");
        assertThat(text).endsWith(doc.body());
    }

    @ParameterizedTest
    @MethodSource("skillFolders")
    void renderThenParseGivesTheSameDocument(Path folder) throws IOException {
        String text = Files.readString(folder.resolve("SKILL.md"));
        SkillDocument doc = SkillDocument.parse(text);

        String rendered = doc.render();

        assertThat(SkillDocument.parse(rendered)).isEqualTo(doc);
        assertThat(rendered).startsWith("---\nname: " + doc.name() + "\n").endsWith("---\n\n" + doc.body());
    }

    @Test
    void crlfLineEndingsParseTheSame() throws IOException {
        String text = Fixtures.read("agent-skills/webapp-testing/SKILL.md");

        SkillDocument crlf = SkillDocument.parse(text.replace("\n", "\r\n"));

        assertThat(crlf.name()).isEqualTo("webapp-testing");
        assertThat(crlf.description()).isEqualTo(SkillDocument.parse(text).description());
    }

    @Test
    void theSpecsExampleWithOptionalFields() {
        Matcher m = Pattern.compile("```markdown SKILL.md\n(---\nname: pdf-processing\n.*?---\n)```",
                Pattern.DOTALL).matcher(spec());
        assertThat(m.find()).as("example with optional fields in the spec").isTrue();

        SkillDocument doc = SkillDocument.parse(m.group(1));

        assertThat(doc.name()).isEqualTo("pdf-processing");
        assertThat(doc.license()).isEqualTo("Apache-2.0");
        assertThat(doc.metadata()).containsExactlyInAnyOrderEntriesOf(Map.of("author", "example-org",
                "version", "1.0"));
        assertThat(doc.body()).isEmpty();
        assertThat(doc.violations()).isEmpty();
        assertThat(SkillDocument.parse(doc.render())).isEqualTo(doc);
    }

    @Test
    void theSpecsNameExamples() {
        List<String> invalid = new ArrayList<>();
        List<String> valid = new ArrayList<>();
        Matcher m = Pattern.compile("```yaml\n(name: .*)\n```").matcher(spec());
        while (m.find()) {
            SkillDocument doc = SkillDocument.parse("---\n" + m.group(1) + "\ndescription: An example.\n---\n");
            (m.group(1).contains("#") ? invalid : valid).add(doc.name());
            assertThat(doc.violations()).as(m.group(1)).hasSize(m.group(1).contains("#") ? 1 : 0);
            assertThat(doc.violations()).allSatisfy(v -> assertThat(v.field()).isEqualTo("name"));
        }

        assertThat(valid).containsExactly("pdf-processing", "data-analysis", "code-review");
        assertThat(invalid).containsExactly("PDF-Processing", "-pdf", "pdf--processing");
    }

    private static List<String> rules(SkillDocument doc) {
        return doc.violations().stream().map(v -> v.rule().id() + " " + v.field()).toList();
    }

    @Test
    void nameRules() {
        assertThat(rules(withName("PDF-Processing"))).containsExactly("name-characters name");
        assertThat(rules(withName("-pdf"))).containsExactly("name-hyphens name");
        assertThat(rules(withName("pdf-"))).containsExactly("name-hyphens name");
        assertThat(rules(withName("pdf--processing"))).containsExactly("name-hyphens name");
        assertThat(rules(withName("pdf_processing"))).containsExactly("name-characters name");
        assertThat(rules(withName("a".repeat(65)))).containsExactly("name-length name");
        assertThat(rules(withName(""))).containsExactly("name-length name");
        assertThat(rules(withName(null))).containsExactly("required name");
        assertThat(rules(withName("search"))).containsExactly("name-reserved name");
        assertThat(withName("a".repeat(64)).violations()).isEmpty();
        assertThat(withName("x9-2y").violations()).isEmpty();
        assertThat(withName("pdf").violations("pdf")).isEmpty();
        assertThat(withName("pdf").violations("pdf-tools")).singleElement()
                .satisfies(v -> assertThat(v.rule()).isEqualTo(SkillRule.NAME_FOLDER))
                .satisfies(v -> assertThat(v.message()).isEqualTo("'pdf' must equal the folder name 'pdf-tools'"));
    }

    @Test
    void descriptionRules() {
        assertThat(rules(new SkillDocument("pdf", "", null, null, Map.of(), ""))).containsExactly(
                "description-length description");
        assertThat(rules(new SkillDocument("pdf", "  ", null, null, Map.of(), ""))).containsExactly(
                "description-length description");
        assertThat(rules(new SkillDocument("pdf", null, null, null, Map.of(), ""))).containsExactly(
                "required description");
        assertThat(rules(new SkillDocument("pdf", "d".repeat(1025), null, null, Map.of(), ""))).containsExactly(
                "description-length description");
        assertThat(new SkillDocument("pdf", "d".repeat(1024), null, null, Map.of(), "").violations()).isEmpty();
    }

    @Test
    void compatibilityRules() {
        assertThat(rules(new SkillDocument("pdf", "d", null, "c".repeat(501), Map.of(), ""))).containsExactly(
                "compatibility-length compatibility");
        assertThat(rules(new SkillDocument("pdf", "d", null, "", Map.of(), ""))).hasSize(1);
        assertThat(new SkillDocument("pdf", "d", null, "c".repeat(500), Map.of(), "").violations()).isEmpty();
    }

    @Test
    void renderWritesOptionalFieldsOnlyWhenSet() {
        SkillDocument doc = new SkillDocument("tidy-imports", "Sorts imports: stdlib first.", "MIT",
                "Requires git", Map.of("ratchet-session", "abc"), "# Tidy\n\nDo it.\n");

        String rendered = doc.render();

        assertThat(rendered).contains("license: MIT\n").contains("compatibility: Requires git\n")
                .contains("metadata:\n  ratchet-session: abc\n").endsWith("---\n\n# Tidy\n\nDo it.\n");
        assertThat(SkillDocument.parse(rendered)).isEqualTo(doc);
        assertThat(withName("plain").render()).doesNotContain("license").doesNotContain("metadata");
    }

    @Test
    void allowedToolsIsReadAndWritten() {
        SkillDocument doc = SkillDocument.parse("---\nname: pdf\ndescription: d\nallowed-tools: Bash(git:*) Read\n"
                + "---\n");

        assertThat(doc.allowedTools()).isEqualTo("Bash(git:*) Read");
        assertThat(doc.render()).contains("allowed-tools: Bash(git:*) Read\n");
        assertThat(SkillDocument.parse(doc.render())).isEqualTo(doc);
    }

    @Test
    void multiLineMetadataRendersAsABlockAndParsesBack() {
        SkillDocument doc = new SkillDocument("pdf", "d", null, null, Map.of("ratchet.plan", "{\n  \"a\": 1\n}"),
                "");

        assertThat(doc.render()).contains("  ratchet.plan: |-\n    {\n      \"a\": 1\n    }\n");
        assertThat(SkillDocument.parse(doc.render())).isEqualTo(doc);
    }
}

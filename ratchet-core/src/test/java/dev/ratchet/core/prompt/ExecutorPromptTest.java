package dev.ratchet.core.prompt;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;

import dev.ratchet.core.Fixtures;
import dev.ratchet.core.event.Check;
import dev.ratchet.core.event.StepWork;

class ExecutorPromptTest {

    private static final List<Check> CHECKS = List.of(new Check("unit", "npm run test", 600),
            new Check("lint", "npm run lint", 120));
    private static final StepWork WORK = new StepWork(1, 1, 3, "Add the banner",
            "Render <Banner/> from src/components/Banner.tsx in src/app/page.tsx.", "Greet visitors on the home page");

    private static Function<String, Optional<String>> reader(Map<String, String> files) {
        return path -> Optional.ofNullable(files.get(path));
    }

    /** Code-like text of about {@code lines} * 12 tokens. */
    private static String source(String name, int lines) {
        return IntStream.range(0, lines).mapToObj(i -> "export const " + name + i + " = compute(" + i + ", \"" + name
                + "\");").collect(Collectors.joining("\n", "", "\n"));
    }

    @Test
    void carriesGoalStepInstructionsAndChecks() {
        Prompt prompt = ExecutorPrompt.build(WORK, CHECKS, List.of(), List.of("package.json"),
                reader(Map.of("package.json", "{\"name\": \"site\"}\n")), null, new TokenBudget(8000));

        assertThat(prompt.system()).contains("*** Begin Patch").contains("Show 3 lines of context");
        assertThat(prompt.user())
                .startsWith("Goal of the session: Greet visitors on the home page\n\n")
                .contains("Step 2 of 3: Add the banner\n"
                        + "Render <Banner/> from src/components/Banner.tsx in src/app/page.tsx.\n")
                .contains("Checks: `npm run test` `npm run lint`")
                .contains("=== package.json ===\n{\"name\": \"site\"}\n")
                .doesNotContain("rejected")
                .doesNotContain("AGENTS.md")
                .doesNotContain("Not shown");
        assertThat(prompt.omittedFiles()).isEmpty();
        TokenBudget budget = new TokenBudget(8000);
        assertThat(prompt.tokens()).isEqualTo(budget.count(prompt.system()) + budget.count(prompt.user()));
    }

    @Test
    void includesRejectionFeedbackPerAttempt() {
        List<String> feedback = List.of("at check: unit failed\nOutput:\nExpected 'Hello' but got 'Hi'",
                "at apply: src/app/page.tsx: hunk 1: context not found");

        Prompt prompt = ExecutorPrompt.build(WORK, CHECKS, feedback, List.of(), reader(Map.of()), null,
                new TokenBudget(8000));

        assertThat(prompt.user())
                .contains("Previous attempt 1 was rejected: at check: unit failed\nOutput:\n"
                        + "Expected 'Hello' but got 'Hi'\n")
                .contains("Previous attempt 2 was rejected: at apply: src/app/page.tsx: hunk 1: context not found\n");
    }

    @Test
    void includesTheRepositorysAgentsMd() {
        String agentsMd = Fixtures.read("agents-md/agentsmd-agents.md-AGENTS.md");

        Prompt prompt = ExecutorPrompt.build(WORK, CHECKS, List.of(), List.of(), reader(Map.of()), agentsMd,
                new TokenBudget(8000));

        assertThat(prompt.user()).contains("AGENTS.md of the repository:\n" + agentsMd + "\n\n");
    }

    @Test
    void filesTheStepMentionsComeFirst() {
        Map<String, String> files = Map.of(
                "README.md", "# Site\n",
                "a.txt", "a\n",
                "src/app/page.tsx", "export default function Page() {}\n",
                "src/components/Banner.tsx", "export function Banner() {}\n",
                "src/lib/util.ts", "export const x = 1\n");
        List<String> listing = List.of("README.md", "a.txt", "src/app/page.tsx", "src/components/Banner.tsx",
                "src/lib/util.ts");

        String user = ExecutorPrompt.build(WORK, CHECKS, List.of(), listing, reader(files), null, new TokenBudget(8000))
                .user();

        List<String> order = user.lines().filter(l -> l.startsWith("=== ")).toList();
        assertThat(order).containsExactly("=== src/app/page.tsx ===", "=== src/components/Banner.tsx ===",
                "=== a.txt ===", "=== README.md ===", "=== src/lib/util.ts ===");
    }

    @Test
    void fileNamesMentionedInFeedbackCountToo() {
        List<String> order = ExecutorPrompt.byRelevance(List.of("docs/guide.md", "src/deep/nested/Helper.java"),
                "fix helper.java as the reviewer said");

        assertThat(order).containsExactly("src/deep/nested/Helper.java", "docs/guide.md");
    }

    @Test
    void filesThatDoNotFitAreOmittedWholeAndListed() {
        Map<String, String> files = new HashMap<>();
        files.put("src/app/page.tsx", source("page", 40));
        files.put("big1.ts", source("bigOne", 200));
        files.put("big2.ts", source("bigTwo", 200));
        files.put("small.ts", source("small", 5));
        List<String> listing = List.of("big1.ts", "big2.ts", "small.ts", "src/app/page.tsx");
        TokenBudget budget = new TokenBudget(3000);

        Prompt prompt = ExecutorPrompt.build(WORK, CHECKS, List.of(), listing, reader(files), null, budget);

        assertThat(prompt.user()).contains(files.get("src/app/page.tsx")).contains(files.get("small.ts"));
        assertThat(prompt.omittedFiles()).isNotEmpty();
        for (String omitted : prompt.omittedFiles()) {
            assertThat(prompt.user()).doesNotContain("=== " + omitted + " ===")
                    .doesNotContain(files.get(omitted).lines().findFirst().orElseThrow());
        }
        for (String path : listing) {
            boolean shown = prompt.user().contains("=== " + path + " ===\n" + files.get(path));
            assertThat(shown).as(path + " shown whole or omitted").isNotEqualTo(prompt.omittedFiles().contains(path));
        }
        assertThat(prompt.user()).contains("(Not shown to fit the token budget: "
                + String.join(", ", prompt.omittedFiles()) + ")");
        assertThat(prompt.tokens()).isLessThanOrEqualTo(budget.limit());
    }

    @Test
    void totalStaysWithinTheBudgetForLargeFiles() {
        Map<String, String> files = new HashMap<>();
        for (int i = 0; i < 12; i++) {
            files.put("src/file" + i + ".ts", source("f" + i, 10 + 17 * i));
        }
        List<String> listing = files.keySet().stream().sorted().toList();
        String agentsMd = Fixtures.read("agents-md/agentsmd-agents.md-AGENTS.md");

        for (int limit = 1000; limit <= 6000; limit += 250) {
            TokenBudget budget = new TokenBudget(limit);

            Prompt prompt = ExecutorPrompt.build(WORK, CHECKS, List.of("at check: unit failed\nOutput:\n" + "E ".repeat(3000)),
                    listing, reader(files), agentsMd, budget);

            assertThat(prompt.tokens()).as("limit %d", limit).isLessThanOrEqualTo(limit);
            assertThat(budget.count(prompt.system()) + budget.count(prompt.user())).isEqualTo(prompt.tokens());
        }
    }

    @Test
    void binaryFilesAndUnreadableFilesAreSkipped() {
        Map<String, String> files = Map.of("logo.png", "\u0089PNG\r\n\u001a\n\0\0\0\rIHDR", "notes.txt", "hello\n");

        Prompt prompt = ExecutorPrompt.build(WORK, CHECKS, List.of(), List.of("logo.png", "notes.txt", "missing.txt"),
                reader(files), null, new TokenBudget(8000));

        assertThat(prompt.user()).contains("=== notes.txt ===\nhello\n")
                .doesNotContain("=== logo.png ===").doesNotContain("IHDR")
                .doesNotContain("=== missing.txt ===");
        assertThat(prompt.user()).contains("Files in the repository:\nlogo.png\nnotes.txt\nmissing.txt\n");
        assertThat(prompt.omittedFiles()).isEmpty();
    }
}

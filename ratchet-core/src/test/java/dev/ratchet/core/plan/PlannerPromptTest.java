package dev.ratchet.core.plan;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import dev.ratchet.core.Fixtures;
import dev.ratchet.core.event.Check;
import dev.ratchet.core.prompt.Prompt;
import dev.ratchet.core.prompt.TokenBudget;

class PlannerPromptTest {

    private static final List<Check> CHECKS = List.of(new Check("unit", "npm run test", 600),
            new Check("lint", "npm run lint", 120));
    private static final List<String> FILES = List.of("package.json", "src/app/page.tsx", "src/lib/greet.ts");
    private static final TokenBudget BUDGET = new TokenBudget(16_000);

    @Test
    void mentionsGoalChecksFilesAndMaxSteps() {
        Prompt prompt = PlannerPrompt.build("Add a greeting banner to the home page", CHECKS, FILES, null, 7, BUDGET);

        assertThat(prompt.system()).contains("At most 7 steps.").contains("{\"steps\":[");
        assertThat(prompt.user())
                .contains("Goal: Add a greeting banner to the home page")
                .contains("- unit: `npm run test`")
                .contains("- lint: `npm run lint`")
                .contains("Files in the repository:\npackage.json\nsrc/app/page.tsx\nsrc/lib/greet.ts\n")
                .doesNotContain("AGENTS.md");
        assertThat(prompt.tokens()).isEqualTo(BUDGET.count(prompt.system()) + BUDGET.count(prompt.user()));
        assertThat(prompt.omittedFiles()).isEmpty();
    }

    @Test
    void includesTheRepositorysAgentsMd() {
        String agentsMd = Fixtures.read("agents-md/agentsmd-agents.md-AGENTS.md");

        Prompt prompt = PlannerPrompt.build("Add a greeting banner", CHECKS, FILES, agentsMd, 5, BUDGET);

        assertThat(prompt.user()).contains("The repository's AGENTS.md:\n" + agentsMd);
        assertThat(prompt.user().indexOf("AGENTS.md")).isLessThan(prompt.user().indexOf("Files in the repository"));
    }

    @Test
    void blankAgentsMdIsLeftOut() {
        Prompt prompt = PlannerPrompt.build("Goal", CHECKS, FILES, "  \n", 5, BUDGET);

        assertThat(prompt.user()).doesNotContain("AGENTS.md");
    }

    @Test
    void longFileListsAreCutToAQuarterOfTheBudget() {
        TokenBudget budget = new TokenBudget(1000);
        List<String> many = java.util.stream.IntStream.range(0, 2000).mapToObj(i -> "src/module" + i + "/File.java")
                .toList();

        Prompt prompt = PlannerPrompt.build("Goal", CHECKS, many, null, 5, budget);

        assertThat(prompt.user()).contains("src/module0/File.java").doesNotContain("src/module1999/File.java")
                .contains("[... cut to fit the token budget]");
        assertThat(prompt.tokens()).isLessThan(1000);
    }

    @Test
    void withTheFilesTextTheListBecomesTheRepositoryMapAndTheLimitsAreStated() {
        Prompt prompt = PlannerPrompt.build("Goal", CHECKS, FILES,
                path -> path.equals("src/lib/greet.ts") ? Optional.of("export function greet(name: string) {\n"
                        + "  return name;\n}\n") : Optional.empty(),
                RepoAgents.NONE, new PlanLimits(7, 6000, 150), BUDGET);

        assertThat(prompt.system()).contains("at most 150 changed lines").contains("at most 6000 tokens of context")
                .contains("At most 7 steps.");
        assertThat(prompt.user()).contains(PlannerPrompt.MAP_HEADER + "package.json\nsrc/\n  app/\n    page.tsx\n"
                + "  lib/\n    greet.ts\n      | export function greet(name: string)\n");
    }

    @Test
    void withoutAnAgentsMdTheProposedOneIsInThePromptMarkedAsProposed() {
        String proposed = "# AGENTS.md (proposed by Ratchet)\n\n## Build and test\n\n"
                + "- Build: `npm run build` (from package.json)\n- Test: `npm test` (from package.json)\n";

        Prompt prompt = PlannerPrompt.build("Goal", CHECKS, FILES, path -> Optional.empty(),
                new RepoAgents(null, proposed), new PlanLimits(7, 6000, 150), BUDGET);

        assertThat(prompt.user()).contains("The repository has no AGENTS.md. Ratchet proposes this one (PROPOSED, not "
                + "the repository's own: build and test commands detected in its files; the checks above are what "
                + "judge every step):\n" + proposed + "\n\n" + PlannerPrompt.MAP_HEADER)
                .doesNotContain("The repository's AGENTS.md");
        assertThat(prompt.tokens()).isEqualTo(BUDGET.count(prompt.system()) + BUDGET.count(prompt.user()));
    }

    @Test
    void theRepositorysOwnAgentsMdWinsOverAProposalAndAProposalIsCutToAQuarterOfTheBudget() {
        String own = PlannerPrompt.build("Goal", CHECKS, FILES, path -> Optional.empty(),
                new RepoAgents("# Own rules\n", "# AGENTS.md (proposed by Ratchet)\n"), new PlanLimits(7, 6000, 150),
                BUDGET).user();
        TokenBudget small = new TokenBudget(1000);
        String longProposal = "# AGENTS.md (proposed by Ratchet)\n" + "- Test: `make test` (from Makefile)\n".repeat(500);
        Prompt cut = PlannerPrompt.build("Goal", CHECKS, FILES, path -> Optional.empty(),
                new RepoAgents(null, longProposal), new PlanLimits(7, 6000, 150), small);

        assertThat(own).contains("The repository's AGENTS.md:\n# Own rules\n").doesNotContain("proposed");
        assertThat(cut.user()).contains("Ratchet proposes this one (PROPOSED").contains("[... cut to fit the token budget]");
        assertThat(small.count(cut.user().substring(cut.user().indexOf("# AGENTS.md"),
                cut.user().indexOf(PlannerPrompt.MAP_HEADER)))).isLessThanOrEqualTo(small.limit() / 4 + 10);
    }
}

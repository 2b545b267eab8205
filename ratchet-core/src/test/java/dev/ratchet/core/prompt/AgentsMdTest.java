package dev.ratchet.core.prompt;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

class AgentsMdTest {

    private static final List<String> FILES = List.of("AGENTS.md", "README.md", "web/AGENTS.md", "web/src/app.ts",
            "web/src/ui/AGENTS.md", "web/src/ui/button.ts", "api/server.py", "docs/AGENTS.md.bak");

    @Test
    void theNearestAgentsMdToEachFileInScopeWins() {
        assertThat(AgentsMd.nearest(FILES, List.of("web/src/ui/button.ts"))).containsExactly("web/src/ui/AGENTS.md");
        assertThat(AgentsMd.nearest(FILES, List.of("web/src/app.ts"))).containsExactly("web/AGENTS.md");
        assertThat(AgentsMd.nearest(FILES, List.of("api/server.py"))).containsExactly("AGENTS.md");
        assertThat(AgentsMd.nearest(FILES, List.of("web/src/ui/button.ts", "web/src/app.ts", "web/src/ui/x.ts")))
                .containsExactly("web/src/ui/AGENTS.md", "web/AGENTS.md");
    }

    @Test
    void withNothingInScopeTheRootOneAndWithoutOneNothing() {
        assertThat(AgentsMd.nearest(FILES, List.of())).containsExactly("AGENTS.md");
        assertThat(AgentsMd.nearest(List.of("a.py", "docs/AGENTS.md.bak"), List.of("a.py"))).isEmpty();
    }

    @Test
    void composedTextNamesEachFileWhenThereAreSeveralAndIsCappedAt32KiB() {
        Map<String, String> two = new LinkedHashMap<>();
        two.put("web/AGENTS.md", "Use pnpm.");
        two.put("AGENTS.md", "Be brief.\n");
        assertThat(AgentsMd.compose(two)).isEqualTo("--- web/AGENTS.md ---\nUse pnpm.\n--- AGENTS.md ---\nBe brief.\n");
        assertThat(AgentsMd.compose(Map.of("AGENTS.md", "Be brief.\n"))).isEqualTo("Be brief.\n");

        String huge = "Ünïcödé rules. ".repeat(4000);
        String capped = AgentsMd.compose(Map.of("AGENTS.md", huge));

        assertThat(capped).endsWith("\n[... AGENTS.md cut at 32768 bytes]\n");
        String kept = capped.substring(0, capped.indexOf("\n[... AGENTS.md cut"));
        assertThat(kept.getBytes(StandardCharsets.UTF_8).length).isLessThanOrEqualTo(AgentsMd.MAX_BYTES);
        assertThat(huge).startsWith(kept);
    }
}

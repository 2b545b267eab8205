package dev.ratchet.core.plan;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;

import dev.ratchet.core.prompt.TokenBudget;

/**
 * The repository map on real source text: this repository's own Python sample, web console script and Java record
 * (read from the checkout), and a Go file written here (the repository has no Go source).
 */
class RepoMapTest {

    private static final TokenBudget BUDGET = new TokenBudget(16_000);
    private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
    private static final Map<String, String> OWN = Map.of(
            "examples/textstats/textstats.py", "examples/textstats/textstats.py",
            "console/js/api.js", "planner-service/src/main/resources/META-INF/resources/console/js/api.js",
            "src/main/java/dev/ratchet/core/plan/PlanLimits.java",
            "ratchet-core/src/main/java/dev/ratchet/core/plan/PlanLimits.java");
    private static final String GO = """
            package server

            import "net/http"

            type Server struct {
            \tmux *http.ServeMux
            }

            type Handler interface {
            \tServe(w http.ResponseWriter, r *http.Request)
            }

            func New(addr string) *Server {
            \treturn &Server{mux: http.NewServeMux()}
            }

            func (s *Server) Start() error {
            \tfunc() {}()
            \treturn nil
            }
            """;

    private static Optional<String> read(String path) {
        if (path.equals("cmd/server/server.go")) {
            return Optional.of(GO);
        }
        try {
            return Optional.ofNullable(OWN.get(path)).map(p -> readString(ROOT.resolve(p)));
        } catch (UncheckedIOException e) {
            return Optional.empty();
        }
    }

    private static String readString(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Test
    void treeWithTopLevelDeclarationsPerLanguageAndPlainEntriesForTheRest() {
        List<String> files = new ArrayList<>(OWN.keySet());
        files.addAll(List.of("cmd/server/server.go", "README.md", "examples/textstats/tests/test_textstats.py"));

        String map = RepoMap.render(files, RepoMapTest::read, BUDGET, 4000);

        assertThat(map).startsWith("README.md\ncmd/\n  server/\n    server.go\n"
                + "      | type Server struct\n      | type Handler interface\n      | func New(addr string) *Server\n"
                + "      | func (s *Server) Start() error\nconsole/\n  js/\n    api.js\n"
                + "      | export function apiKey()\n");
        assertThat(map).contains("      | export class ApiError extends Error\n")
                .contains("      | export async function call(path, { method = 'GET', body, signal } = {})\n")
                .contains("examples/\n  textstats/\n    tests/\n      test_textstats.py\n    textstats.py\n"
                        + "      | def words(text)\n")
                .contains("              PlanLimits.java\n"
                        + "                | public record PlanLimits(int maxSteps, int stepTokens, int maxChangedLines)\n"
                        + "                | public static PlanLimits defaults(int maxSteps)\n")
                .doesNotContain("mux *http.ServeMux").doesNotContain("DEFAULT_STEP_TOKENS");
    }

    @Test
    void onlySourceFilesAreReadAndAtMostTheLimit() {
        List<String> asked = new ArrayList<>();
        Function<String, Optional<String>> source = path -> {
            asked.add(path);
            return Optional.of("def f():\n    pass\n");
        };
        List<String> files = new ArrayList<>(List.of("logo.png", "notes.txt"));
        IntStream.range(0, RepoMap.MAX_SOURCE_FILES + 5).forEach(i -> files.add(String.format("m%04d.py", i)));

        RepoMap.render(files, source, BUDGET, 1_000_000);

        assertThat(asked).hasSize(RepoMap.MAX_SOURCE_FILES).allMatch(RepoMap::readsSource);
        assertThat(RepoMap.readsSource("a/b.tsx")).isTrue();
        assertThat(RepoMap.readsSource("a/b.txt")).isFalse();
    }

    @Test
    void aMapOverItsBudgetIsCutWithANote() {
        List<String> files = IntStream.range(0, 3000).mapToObj(i -> "src/module" + i + "/File.java").toList();

        String map = RepoMap.render(files, p -> Optional.of("public class File {\n}\n"), BUDGET, 500);

        assertThat(BUDGET.count(map)).isLessThanOrEqualTo(520);
        assertThat(map).startsWith("src/\n  module0/\n    File.java\n      | public class File\n")
                .contains("[... cut to fit the token budget]");
    }
}

package dev.ratchet.runtime.nativeimage;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.util.Arrays;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

import com.knuddels.jtokkit.Encodings;

import dev.ratchet.core.prompt.TokenBudget;

/**
 * The resources a native image must hold ({@code quarkus.native.resources.includes}, in ratchet-runtime's
 * microprofile-config.properties, which every service reads): found by running the real tokenizer in a class loader
 * that writes down every resource it is asked for, so that a new encoding or a jtokkit upgrade that moves its files
 * fails here rather than in a native image.
 */
class NativeResourcesTest {

    private static final Path CONFIG = Path.of("src", "main", "resources", "META-INF",
            "microprofile-config.properties");

    @Test
    void everyResourceTheTokenizerLoadsIsIncluded() throws Exception {
        Set<String> asked = ConcurrentHashMap.newKeySet();
        try (RecordingLoader loader = new RecordingLoader(asked, location(TokenBudget.class),
                location(Encodings.class))) {
            Class<?> budget = loader.loadClass(TokenBudget.class.getName());
            assertThat(budget.getClassLoader()).isSameAs(loader);
            Object tokenizer = budget.getConstructor(int.class).newInstance(256);
            assertThat((int) budget.getMethod("count", String.class).invoke(tokenizer, "Plan slow, execute fast."))
                    .isPositive();
        }

        assertThat(asked).as("what the tokenizer loaded").isNotEmpty()
                .allSatisfy(resource -> assertThat(included(resource)).as(resource).isTrue());
    }

    @Test
    void everyLuaScriptOfTheWorkLeasesIsIncluded() throws IOException {
        Path lua = Path.of("src", "main", "resources", "ratchet", "lua");
        try (Stream<Path> scripts = Files.list(lua)) {
            List<String> names = scripts.map(s -> "ratchet/lua/" + s.getFileName()).toList();
            assertThat(names).isNotEmpty().allSatisfy(name -> assertThat(included(name)).as(name).isTrue());
        }
        assertThat(included("ratchet/other.txt")).isFalse();
    }

    private static boolean included(String resource) throws IOException {
        Properties config = new Properties();
        try (Reader in = Files.newBufferedReader(CONFIG)) {
            config.load(in);
        }
        String includes = config.getProperty("quarkus.native.resources.includes", "");
        return Arrays.stream(includes.split(",")).map(String::strip).filter(g -> !g.isEmpty())
                .map(glob -> FileSystems.getDefault().getPathMatcher("glob:" + glob))
                .anyMatch((PathMatcher m) -> m.matches(Path.of(resource)));
    }

    private static URL location(Class<?> type) {
        return type.getProtectionDomain().getCodeSource().getLocation();
    }

    /** Loads the tokenizer and jtokkit itself (the JDK from the platform loader) and notes every resource asked. */
    private static final class RecordingLoader extends URLClassLoader {

        private final Set<String> asked;

        RecordingLoader(Set<String> asked, URL... urls) {
            super(urls, ClassLoader.getPlatformClassLoader());
            this.asked = asked;
        }

        @Override
        public URL getResource(String name) {
            asked.add(name);
            return super.getResource(name);
        }

        @Override
        public InputStream getResourceAsStream(String name) {
            asked.add(name);
            return super.getResourceAsStream(name);
        }
    }
}

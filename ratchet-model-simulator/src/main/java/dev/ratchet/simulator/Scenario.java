package dev.ratchet.simulator;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * A script of answers for the SIMULATED model: rules tried in order, first match wins.
 * The JSON format is described in this module's README.md.
 */
public final class Scenario {

    private final String name;
    private final List<ScenarioRule> rules;
    private final List<String> rejectMaxTokensFor;
    private final List<String> rejectJsonSchemaFor;

    Scenario(String name, List<ScenarioRule> rules, List<String> rejectMaxTokensFor) {
        this(name, rules, rejectMaxTokensFor, List.of());
    }

    Scenario(String name, List<ScenarioRule> rules, List<String> rejectMaxTokensFor,
            List<String> rejectJsonSchemaFor) {
        this.name = Objects.requireNonNull(name, "name");
        this.rules = List.copyOf(rules);
        this.rejectMaxTokensFor = lowerCase(rejectMaxTokensFor);
        this.rejectJsonSchemaFor = lowerCase(rejectJsonSchemaFor);
    }

    private static List<String> lowerCase(List<String> models) {
        return models.stream().map(model -> model.toLowerCase(Locale.ROOT)).toList();
    }

    /** Parses a scenario; relative {@code contentFile} paths resolve against the working directory. */
    public static Scenario fromJson(String json) {
        return ScenarioParser.parse(json, "inline JSON", path -> Files.readString(Path.of(path)));
    }

    /** Reads a scenario file; relative {@code contentFile} paths resolve against the file's directory. */
    public static Scenario load(Path file) {
        Path dir = file.toAbsolutePath().getParent();
        String json;
        try {
            json = Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read scenario file " + file, e);
        }
        return ScenarioParser.parse(json, file.toString(), path -> Files.readString(dir.resolve(path)));
    }

    /** Reads a scenario from the classpath; relative {@code contentFile} paths resolve against its package. */
    public static Scenario fromResource(String classpathResource) {
        String resource = classpathResource.startsWith("/") ? classpathResource.substring(1) : classpathResource;
        int slash = resource.lastIndexOf('/');
        String folder = slash < 0 ? "" : resource.substring(0, slash + 1);
        try {
            String json = readResource(resource);
            return ScenarioParser.parse(json, "classpath:" + resource,
                    path -> readResource(path.startsWith("/") ? path.substring(1) : folder + path));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read scenario resource " + resource, e);
        }
    }

    /**
     * One scenario that tries the rules of each of {@code parts} in order: the local cluster serves every scripted
     * demo scenario (each matches only its own goal and steps) ahead of the demo's catch-all fallback rules.
     */
    public static Scenario concat(String name, List<Scenario> parts) {
        List<ScenarioRule> rules = parts.stream().flatMap(part -> part.rules.stream()).toList();
        List<String> reject = parts.stream().flatMap(part -> part.rejectMaxTokensFor.stream()).distinct().toList();
        List<String> noSchema = parts.stream().flatMap(part -> part.rejectJsonSchemaFor.stream()).distinct()
                .toList();
        return new Scenario(name, rules, reject, noSchema);
    }

    public String name() {
        return name;
    }

    /**
     * True when requests for this model must not carry {@code max_tokens}, as OpenAI's GPT-5 and o-series models
     * answer it: some entry of {@code rejectMaxTokensFor} is a case-insensitive substring of the model name.
     */
    boolean rejectsMaxTokens(String requestModel) {
        String model = requestModel.toLowerCase(Locale.ROOT);
        return rejectMaxTokensFor.stream().anyMatch(model::contains);
    }

    /**
     * True when this model refuses {@code response_format} {@code json_schema}, as models without structured
     * outputs do at OpenAI: some entry of {@code rejectJsonSchemaFor} is a case-insensitive substring of its name.
     */
    boolean rejectsJsonSchema(String requestModel) {
        String model = requestModel.toLowerCase(Locale.ROOT);
        return rejectJsonSchemaFor.stream().anyMatch(model::contains);
    }

    /** Finds the first rule that matches and still has uses left, spending one of its uses. */
    Optional<ScenarioRule> claim(String requestModel, String conversation) {
        return claim(requestModel, conversation, null);
    }

    /** As {@link #claim(String, String)} for a request that sent {@code seed} (null: none). */
    Optional<ScenarioRule> claim(String requestModel, String conversation, Long seed) {
        return rules.stream().filter(rule -> rule.claim(requestModel, conversation, seed)).findFirst();
    }

    /** The distinct model names the rules mention, in rule order. */
    List<String> modelNames() {
        Set<String> names = new LinkedHashSet<>();
        rules.stream().map(rule -> rule.match().model()).filter(Objects::nonNull).forEach(names::add);
        return List.copyOf(names);
    }

    private static String readResource(String resource) throws IOException {
        ClassLoader loader = Thread.currentThread().getContextClassLoader();
        if (loader == null) {
            loader = Scenario.class.getClassLoader();
        }
        try (InputStream in = loader.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IOException("no classpath resource " + resource);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}

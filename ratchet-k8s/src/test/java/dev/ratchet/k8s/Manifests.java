package dev.ratchet.k8s;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;

/**
 * The k8s/ folder as kubectl renders it: {@code kubectl kustomize <dir>} (kustomize 5, the one kubectl 1.27+ embeds;
 * .ci/run installs kubectl when it is missing), every document read with the fabric8 model.
 */
final class Manifests {

    /** The repository's k8s/ folder (tests run in the module's folder). */
    static final Path ROOT = Path.of("..", "k8s").toAbsolutePath().normalize();
    /** A render takes well under a second; a kubectl that hangs fails the test instead of the build. */
    private static final long RENDER_TIMEOUT_SECONDS = 60;

    private static final KubernetesSerialization SERIALIZATION = new KubernetesSerialization();

    private Manifests() {
    }

    static List<String> overlays() throws IOException {
        try (var dirs = Files.list(ROOT.resolve("overlays"))) {
            return dirs.filter(Files::isDirectory).map(d -> d.getFileName().toString()).sorted().toList();
        }
    }

    /** Each folder is rendered once per test run; every test reads the same objects and changes none. */
    private static final Map<String, List<HasMetadata>> RENDERED = new ConcurrentHashMap<>();

    static List<HasMetadata> render(String dir) throws IOException, InterruptedException {
        List<HasMetadata> objects = RENDERED.get(dir);
        if (objects == null) {
            objects = parse(kustomize(ROOT.resolve(dir)));
            RENDERED.put(dir, objects);
        }
        return objects;
    }

    static String kustomize(Path dir) throws IOException, InterruptedException {
        Path out = Files.createTempFile("kustomize", ".yaml");
        Path err = Files.createTempFile("kustomize", ".err");
        try {
            Process kubectl = new ProcessBuilder("kubectl", "kustomize", dir.toString())
                    .redirectOutput(out.toFile()).redirectError(err.toFile()).start();
            if (!kubectl.waitFor(RENDER_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                kubectl.destroyForcibly();
                throw new IllegalStateException("kubectl kustomize " + dir + " ran past " + RENDER_TIMEOUT_SECONDS + " s");
            }
            if (kubectl.exitValue() != 0) {
                throw new IllegalStateException("kubectl kustomize " + dir + " failed: "
                        + Files.readString(err, StandardCharsets.UTF_8));
            }
            return Files.readString(out, StandardCharsets.UTF_8);
        } finally {
            Files.deleteIfExists(out);
            Files.deleteIfExists(err);
        }
    }

    /** One object per YAML document; a kind without a fabric8 model class comes back as GenericKubernetesResource. */
    static List<HasMetadata> parse(String yaml) {
        List<HasMetadata> objects = new ArrayList<>();
        for (String doc : yaml.split("(?m)^---$")) {
            if (!doc.isBlank()) {
                objects.add(SERIALIZATION.unmarshal(doc, HasMetadata.class));
            }
        }
        return objects;
    }

    static <T extends HasMetadata> List<T> all(List<HasMetadata> objects, Class<T> type) {
        return objects.stream().filter(type::isInstance).map(type::cast).toList();
    }

    static <T extends HasMetadata> T named(List<HasMetadata> objects, Class<T> type, String name) {
        return all(objects, type).stream().filter(o -> o.getMetadata().getName().equals(name)).findFirst()
                .orElseThrow(() -> new AssertionError("no " + type.getSimpleName() + " " + name + " in "
                        + Arrays.toString(objects.stream().map(o -> o.getKind() + "/" + o.getMetadata().getName())
                                .toArray())));
    }
}

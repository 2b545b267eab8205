package dev.ratchet.k8s;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;

/**
 * The k8s/ folder as kubectl renders it: {@code kubectl kustomize <dir>} with the kubectl on the PATH (kustomize
 * v2.0.3, Debian's kubectl 1.20, or later; .ci/run installs it when it is missing), every document read with the
 * fabric8 model.
 */
final class Manifests {

    /** The repository's k8s/ folder (tests run in the module's folder). */
    static final Path ROOT = Path.of("..", "k8s").toAbsolutePath().normalize();

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

    private static Kubectl kubectl;

    /** The kubectl on the PATH, asked for its version once per test run. */
    static synchronized Kubectl kubectl() throws IOException, InterruptedException {
        if (kubectl == null) {
            kubectl = Kubectl.onPath();
        }
        return kubectl;
    }

    private static List<Kubectl> found;

    /** Every kubectl on this machine that a test compares with the one on the PATH (Kubectl.found). */
    static synchronized List<Kubectl> kubectls() throws IOException, InterruptedException {
        if (found == null) {
            found = Kubectl.found();
        }
        return found;
    }

    static List<HasMetadata> render(String dir) throws IOException, InterruptedException {
        List<HasMetadata> objects = RENDERED.get(dir);
        if (objects == null) {
            objects = parse(kubectl().kustomize(ROOT.resolve(dir)));
            RENDERED.put(dir, objects);
        }
        return objects;
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

    /** The objects by apiVersion/kind/namespace/name: kustomize versions print them in different orders. */
    static Map<String, HasMetadata> byIdentity(List<HasMetadata> objects) {
        Map<String, HasMetadata> byId = new TreeMap<>();
        for (HasMetadata object : objects) {
            String id = object.getApiVersion() + "/" + object.getKind() + "/" + object.getMetadata().getNamespace()
                    + "/" + object.getMetadata().getName();
            if (byId.put(id, object) != null) {
                throw new IllegalStateException(id + " rendered twice");
            }
        }
        return byId;
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

package dev.ratchet.k8s;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.xml.parsers.DocumentBuilderFactory;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.apps.Deployment;

/**
 * The images are named once, in the parent pom ({@code ratchet.image.registry}, {@code .group}, {@code .tag}), which
 * the images profile hands to Quarkus' Jib build; every overlay must run exactly those images, so that what
 * {@code mvn package -Pimages} pushes is what {@code kubectl apply -k} pulls.
 */
class ImagesManifestsTest {

    static final List<String> SERVICES = List.of("planner-service", "executor-service", "verifier-service",
            "skills-registry");

    private static final Path ROOT = Manifests.ROOT.getParent();
    private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{([^}]+)}");

    @ParameterizedTest
    @MethodSource("dev.ratchet.k8s.Manifests#overlays")
    void everyServiceRunsTheImageTheParentPomNames(String overlay) throws Exception {
        List<HasMetadata> objects = Manifests.render("overlays/" + overlay);
        for (String service : SERVICES) {
            assertThat(Manifests.named(objects, Deployment.class, service).getSpec().getTemplate().getSpec()
                    .getContainers().get(0).getImage()).as(overlay + " " + service).isEqualTo(image(service));
        }
        // With checks as Jobs, a check runs in the verifier's image unless the overlay names a toolchain's.
        String checkImage = Manifests.named(objects, ConfigMap.class, "ratchet-config").getData()
                .get("ratchet.verifier.kubernetes.image");
        if (checkImage != null) {
            assertThat(checkImage).as(overlay + " ratchet.verifier.kubernetes.image")
                    .isEqualTo(image("verifier-service"));
        }
    }

    @Test
    void theImagesProfileHandsTheNamesToQuarkusAndBuildsTheImages() throws Exception {
        Map<String, String> images = properties(profile(pom(ROOT.resolve("pom.xml")), "images"));

        assertThat(images).containsEntry("quarkus.container-image.build", "true")
                .containsEntry("quarkus.container-image.registry", "${ratchet.image.registry}")
                .containsEntry("quarkus.container-image.group", "${ratchet.image.group}")
                .containsEntry("quarkus.container-image.name", "${project.artifactId}")
                .containsEntry("quarkus.container-image.tag", "${ratchet.image.tag}");
    }

    /** The Jib extension is in each service's images profile only: the default build never resolves it. */
    @Test
    void eachServiceAddsJibInItsImagesProfileOnly() throws Exception {
        for (String service : SERVICES) {
            Element pom = pom(ROOT.resolve(service).resolve("pom.xml"));
            assertThat(child(pom, "artifactId").getTextContent()).isEqualTo(service);
            assertThat(artifacts(child(pom, "dependencies"))).as(service).doesNotContain("quarkus-container-image-jib");
            assertThat(artifacts(child(profile(pom, "images"), "dependencies"))).as(service)
                    .contains("quarkus-container-image-jib");
        }
    }

    /** {@code <registry>/<group>/<name>:<tag>} from the parent pom, the registry left out when it is empty. */
    static String image(String service) throws Exception {
        Element pom = pom(ROOT.resolve("pom.xml"));
        Map<String, String> properties = properties(pom);
        properties.put("project.version", child(pom, "version").getTextContent().strip());
        String registry = resolve(properties.getOrDefault("ratchet.image.registry", ""), properties);
        return (registry.isEmpty() ? "" : registry + "/") + resolve(properties.get("ratchet.image.group"), properties)
                + "/" + service + ":" + resolve(properties.get("ratchet.image.tag"), properties);
    }

    private static String resolve(String value, Map<String, String> properties) {
        Matcher m = PLACEHOLDER.matcher(value);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String name = m.group(1);
            assertThat(properties).as("${" + name + "} in the parent pom").containsKey(name);
            m.appendReplacement(out, Matcher.quoteReplacement(resolve(properties.get(name), properties)));
        }
        return m.appendTail(out).toString();
    }

    private static Element pom(Path file) throws Exception {
        return DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(file.toFile()).getDocumentElement();
    }

    private static Element profile(Element pom, String id) {
        for (Element profile : children(child(pom, "profiles"), "profile")) {
            if (child(profile, "id").getTextContent().strip().equals(id)) {
                return profile;
            }
        }
        throw new AssertionError("no profile " + id);
    }

    private static Map<String, String> properties(Element owner) {
        Map<String, String> properties = new HashMap<>();
        NodeList nodes = child(owner, "properties").getChildNodes();
        for (int i = 0; i < nodes.getLength(); i++) {
            if (nodes.item(i) instanceof Element property) {
                properties.put(property.getTagName(), property.getTextContent().strip());
            }
        }
        return properties;
    }

    private static List<String> artifacts(Element dependencies) {
        return children(dependencies, "dependency").stream().map(d -> child(d, "artifactId").getTextContent().strip())
                .toList();
    }

    private static Element child(Element parent, String name) {
        List<Element> found = children(parent, name);
        assertThat(found).as(parent.getTagName() + " has one " + name).hasSize(1);
        return found.get(0);
    }

    private static List<Element> children(Element parent, String name) {
        NodeList nodes = parent.getChildNodes();
        List<Element> found = new ArrayList<>();
        for (int i = 0; i < nodes.getLength(); i++) {
            Node node = nodes.item(i);
            if (node instanceof Element element && element.getTagName().equals(name)) {
                found.add(element);
            }
        }
        return found;
    }
}

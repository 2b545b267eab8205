package dev.ratchet.k8s;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

import dev.ratchet.k8s.session.CodingSession;
import io.fabric8.crdv2.generator.CRDGenerator;
import io.fabric8.crdv2.generator.CRDPostProcessor;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceColumnDefinition;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinitionVersion;

/**
 * The CodingSession CRD in k8s/base is what the fabric8 generator makes of the Java classes, byte for byte. After a
 * change to the classes, write it again with
 * {@code mvn -pl ratchet-k8s -am verify -Dtest=CrdTest -Dsurefire.failIfNoSpecifiedTests=false -Dratchet.crd.write=true}.
 */
class CrdTest {

    private static final List<String> COLUMNS = List.of("Phase", "Step", "Verified", "Age");

    static final Path COMMITTED = Manifests.ROOT.resolve("base").resolve("015-crd-codingsessions.yaml");

    @Test
    void theCommittedCrdIsTheGeneratedOne(@TempDir Path out) throws Exception {
        String generated = generate(out);
        if (Boolean.getBoolean("ratchet.crd.write")) {
            Files.writeString(COMMITTED, generated, StandardCharsets.UTF_8);
        }
        assertThat(Files.readString(COMMITTED, StandardCharsets.UTF_8))
                .as("k8s/base/015-crd-codingsessions.yaml differs from the generated CRD; regenerate it (see CrdTest)")
                .isEqualTo(generated);
    }

    @Test
    void kubectlGetCsShowsPhaseStepVerifiedAndAge() throws Exception {
        CustomResourceDefinition crd = Manifests.named(Manifests.render("base"), CustomResourceDefinition.class,
                CodingSession.CRD_NAME);
        assertThat(crd.getSpec().getScope()).isEqualTo("Namespaced");
        assertThat(crd.getSpec().getNames().getShortNames()).containsExactly("cs");
        CustomResourceDefinitionVersion version = crd.getSpec().getVersions().get(0);
        assertThat(version.getName()).isEqualTo(CodingSession.VERSION);
        assertThat(version.getSubresources().getStatus()).as("status is a subresource").isNotNull();
        List<CustomResourceColumnDefinition> columns = version.getAdditionalPrinterColumns();
        assertThat(columns).extracting(CustomResourceColumnDefinition::getName)
                .containsExactlyElementsOf(COLUMNS);
        assertThat(columns).filteredOn(c -> c.getName().equals("Verified"))
                .extracting(CustomResourceColumnDefinition::getJsonPath).containsExactly(".status.verified");
        assertThat(version.getSchema().getOpenAPIV3Schema().getProperties().get("spec").getRequired())
                .containsExactlyInAnyOrder("repo", "goal");
    }

    @Test
    void theExampleSessionHasOnlyFieldsTheSpecKnows() throws Exception {
        ObjectMapper strict = new ObjectMapper(new YAMLFactory())
                .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
        CodingSession session = strict.readValue(
                Manifests.ROOT.resolveSibling("examples").resolve("k8s").resolve("session.yaml").toFile(),
                CodingSession.class);
        assertThat(session.getApiVersion()).isEqualTo(CodingSession.GROUP + "/" + CodingSession.VERSION);
        assertThat(session.getSpec().repo()).startsWith("file://");
        assertThat(session.getSpec().checks()).singleElement()
                .satisfies(c -> assertThat(c.toCheck().timeoutSeconds()).isEqualTo(120));
        assertThat(session.getSpec().guardrails().maxChangedLines()).isEqualTo(200);
    }

    private static String generate(Path out) throws Exception {
        new CRDGenerator().customResourceClasses(CodingSession.class).forCRDVersions("v1")
                .withPostProcessor(new CRDPostProcessor() {
                    @Override
                    public HasMetadata process(HasMetadata crd, String specVersion) {
                        // The labels every Ratchet object carries (ManifestsTest), the CRD included.
                        crd.getMetadata().setLabels(new TreeMap<>(Map.of("app.kubernetes.io/name", "codingsessions",
                                "app.kubernetes.io/part-of", "ratchet", "app.kubernetes.io/component", "crd")));
                        // kubectl shows the columns in this order; the generator sorts them by JSON path.
                        ((CustomResourceDefinition) crd).getSpec().getVersions().forEach(v -> v
                                .getAdditionalPrinterColumns().sort(Comparator.comparing(c -> COLUMNS.indexOf(c.getName()))));
                        return crd;
                    }
                })
                .inOutputDir(out.toFile()).generate();
        return Files.readString(out.resolve(CRDGenerator.getOutputName(CodingSession.CRD_NAME, "v1") + ".yml"),
                StandardCharsets.UTF_8);
    }
}

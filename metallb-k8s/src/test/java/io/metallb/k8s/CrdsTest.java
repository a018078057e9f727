package io.metallb.k8s;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinitionVersion;
import io.fabric8.kubernetes.api.model.apiextensions.v1.JSONSchemaProps;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.metallb.api.config.ConfigParser;
import io.metallb.api.config.ConfigResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

@EnableKubernetesMockClient(crud = true)
class CrdsTest {

    KubernetesClient client;

    private CustomResourceDefinition crd(String name) {
        return client.getKubernetesSerialization().unmarshal(Crds.manifest(name), CustomResourceDefinition.class);
    }

    @Test
    void everyManifestIsAMetallbCrdWithTheExpectedVersions() {
        assertThat(Crds.NAMES).hasSize(9);
        for (String name : Crds.NAMES) {
            CustomResourceDefinition crd = crd(name);
            assertThat(crd.getMetadata().getName()).isEqualTo(name);
            assertThat(crd.getSpec().getGroup()).isEqualTo("metallb.io");
            assertThat(crd.getSpec().getNames().getPlural() + ".metallb.io").isEqualTo(name);
            assertThat(crd.getSpec().getVersions()).filteredOn(CustomResourceDefinitionVersion::getStorage)
                    .hasSize(1);
            assertThat(crd.getSpec().getVersions()).allMatch(v -> v.getSubresources().getStatus() != null);
        }
        assertThat(crd("bgppeers.metallb.io").getSpec().getVersions())
                .extracting(v -> v.getName() + (v.getServed() ? " served" : "") + (v.getStorage() ? " stored" : ""))
                .containsExactly("v1beta1 served", "v1beta2 served stored");
    }

    @Test
    void crdsApplyToTheApiServerAndAcceptTheExampleObjects() throws Exception {
        for (String name : Crds.NAMES) {
            client.apiextensions().v1().customResourceDefinitions().resource(crd(name)).create();
        }
        List<GenericKubernetesResource> examples = metallbObjects(Path.of("..", "examples", "config.yaml"));
        assertThat(examples).isNotEmpty();
        for (GenericKubernetesResource o : examples) {
            // By apiVersion and kind only: the client finds the resource through the CRDs just created.
            client.resource(o).inNamespace(Fixtures.NS).create();
            assertThat(client.resource(o).inNamespace(Fixtures.NS).get()).isNotNull();
        }
    }

    /** Every field MetalLB's objects can carry (the renderer writes all of them, defaults included) is declared. */
    @Test
    void schemasDeclareEveryFieldOfRenderedAndExampleObjects() throws Exception {
        List<Map<String, Object>> trees = new ArrayList<>();
        for (GenericKubernetesResource o : metallbObjects(Path.of("..", "examples", "config.yaml"))) {
            trees.add(client.getKubernetesSerialization().convertValue(o, Map.class));
        }
        ConfigResult parsed = ConfigParser.parseObjects(trees);
        assertThat(parsed).isInstanceOf(ConfigResult.Valid.class);
        trees.addAll(ConfigParser.toObjects(((ConfigResult.Valid) parsed).config()));
        int checked = 0;
        for (Map<String, Object> tree : trees) {
            String kind = (String) tree.get("kind");
            String version = ((String) tree.get("apiVersion")).substring("metallb.io/".length());
            CustomResourceDefinition crd = Crds.NAMES.stream().map(this::crd)
                    .filter(c -> c.getSpec().getNames().getKind().equals(kind)).findFirst().orElseThrow();
            JSONSchemaProps schema = crd.getSpec().getVersions().stream().filter(v -> v.getName().equals(version))
                    .findFirst().orElseThrow().getSchema().getOpenAPIV3Schema();
            checked += assertDeclared(kind + " spec", schema.getProperties().get("spec"), tree.get("spec"));
        }
        assertThat(checked).isGreaterThan(20);
    }

    private static int assertDeclared(String path, JSONSchemaProps schema, Object value) {
        assertThat(schema).as(path + " is declared").isNotNull();
        if (value instanceof Map<?, ?> m) {
            int n = 0;
            for (Map.Entry<?, ?> e : m.entrySet()) {
                JSONSchemaProps field = schema.getProperties() == null ? null
                        : schema.getProperties().get(String.valueOf(e.getKey()));
                if (field == null && schema.getAdditionalProperties() != null) {
                    field = schema.getAdditionalProperties().getSchema();
                }
                n += assertDeclared(path + "." + e.getKey(), field, e.getValue());
            }
            return n;
        }
        if (value instanceof List<?> l) {
            int n = 0;
            for (Object item : l) {
                n += assertDeclared(path + "[]", schema.getItems().getSchema(), item);
            }
            return n;
        }
        String expected = value instanceof Boolean ? "boolean" : value instanceof Number ? "integer" : "string";
        assertThat(schema.getType()).as(path + " type").isEqualTo(expected);
        return 1;
    }

    private List<GenericKubernetesResource> metallbObjects(Path file) throws Exception {
        List<GenericKubernetesResource> out = new ArrayList<>();
        for (String doc : Files.readString(file).split("(?m)^---\\s*$")) {
            if (doc.isBlank()) {
                continue;
            }
            GenericKubernetesResource r = client.getKubernetesSerialization().unmarshal(doc,
                    GenericKubernetesResource.class);
            if (r != null && r.getApiVersion() != null && r.getApiVersion().startsWith("metallb.io/")) {
                out.add(r);
            }
        }
        return out;
    }
}

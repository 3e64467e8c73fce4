package dev.catena.chains.yaml;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/** The committed JSON Schema is what the registry on the test class path generates. */
class SchemaTest {

    static final Path COMMITTED = Path.of("src/main/resources", SchemaGenerator.RESOURCE);
    /** The committed schema covers every module's types; samples/cli (which has them all) checks it whole. */
    static final String REGENERATE = "samples/cli/catena schema chains/src/main/resources/catena-v1.schema.json";

    private final ComponentRegistry registry = ComponentRegistry.fromServiceLoader();

    @Test
    void committedSchemaDefinesEveryTypeOnThisClassPathAsGenerated() throws IOException {
        ObjectMapper json = new ObjectMapper();
        JsonNode generated = json.readTree(SchemaGenerator.generate(registry)).get("definitions");
        JsonNode committed = json.readTree(Files.readString(COMMITTED, StandardCharsets.UTF_8)).get("definitions");
        generated.fieldNames().forEachRemaining(name -> {
            boolean perKind = name.equals("Bundle") || registry.kinds().contains(name.replace(".document", ""));
            if (!perKind && !generated.get(name).equals(committed.get(name))) {
                fail(COMMITTED + ": definition '" + name + "' differs from the one generated from the registered component"
                        + " types. Regenerate it (from the repository root) with:\n  " + REGENERATE);
            }
        });
    }

    @Test
    void everyRegisteredTypeHasADefinitionWithItsFields() throws IOException {
        JsonNode schema = new ObjectMapper().readTree(SchemaGenerator.generate(registry));
        JsonNode defs = schema.get("definitions");
        assertThat(registry.kinds()).contains("Chain", "Prompt", "Model");
        for (String kind : registry.kinds()) {
            assertThat(schema.at("/properties/kind/enum").toString()).contains("\"" + kind + "\"");
            for (String type : registry.types(kind).keySet()) {
                assertThat(defs.has(kind + "." + type)).as("%s.%s", kind, type).isTrue();
                assertThat(defs.get(kind + "." + type + ".document").at("/properties/kind/const").asText()).isEqualTo(kind);
            }
        }
        JsonNode llm = defs.get("Chain.llm");
        assertThat(llm.get("additionalProperties").asBoolean(true)).isFalse();
        assertThat(llm.get("required").toString()).isEqualTo("[\"name\",\"type\",\"model\"]");
        assertThat(llm.at("/properties/model/$ref").asText()).isEqualTo("#/definitions/ref");
        assertThat(llm.at("/properties/parser/enum").toString()).isEqualTo("[\"text\",\"json\",\"lines\",\"csv\",\"bool\"]");
        assertThat(defs.at("/Chain.llm-router/properties").has("default")).isTrue();
        assertThat(defs.at("/Chain.sequential/properties/steps/items/required").toString()).isEqualTo("[\"output\",\"chain\"]");
        assertThat(defs.at("/Chain.llm-router/properties/destinations/additionalProperties/properties/chain/$ref").asText())
                .isEqualTo("#/definitions/ref");
        assertThat(defs.at("/Bundle/properties/chains/items/$ref").asText()).isEqualTo("#/definitions/Chain");
        assertThat(defs.at("/Model.scripted/properties/responses/type").asText()).isEqualTo("array");
    }
}

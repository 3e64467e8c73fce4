package dev.catena.cli;

import dev.catena.chains.yaml.ComponentRegistry;
import dev.catena.chains.yaml.SchemaGenerator;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/**
 * The committed JSON Schema of the YAML format ({@code chains/src/main/resources/catena-v1.schema.json}) is
 * exactly what the registry generates with every module on the class path, as the {@code catena} command has.
 */
class CommittedSchemaTest {

    static final Path COMMITTED = Path.of("../../chains/src/main/resources", SchemaGenerator.RESOURCE);

    @Test
    void committedSchemaIsGeneratedFromEveryModulesTypes() throws IOException {
        ComponentRegistry registry = ComponentRegistry.fromServiceLoader();
        assertThat(registry.kinds()).contains("Agent", "Chain", "Memory", "Model", "Prompt", "Tool");
        String generated = SchemaGenerator.generate(registry);
        if (!Files.readString(COMMITTED, StandardCharsets.UTF_8).equals(generated)) {
            fail(COMMITTED.normalize() + " differs from the schema generated from the registered component types. "
                    + "Regenerate it (from the repository root) with:\n  samples/cli/catena schema chains/src/main/resources/catena-v1.schema.json");
        }
    }
}

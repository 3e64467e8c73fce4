package dev.catena.chains.yaml;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import com.networknt.schema.Error;
import com.networknt.schema.InputFormat;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The committed schema, read by a JSON Schema validator, agrees with the loader: the examples
 * pass, and files the loader rejects for their shape (unknown type or field, missing field, wrong
 * value type, a string where a reference belongs) are rejected by the schema too, so an editor
 * shows the same mistakes.
 */
class SchemaValidationTest {

    private static final YAMLMapper YAML = new YAMLMapper();
    private static final Schema SCHEMA = load();

    private static Schema load() {
        try {
            return SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_7)
                    .getSchema(Files.readString(SchemaTest.COMMITTED), InputFormat.JSON);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static List<String> errors(String yaml) throws IOException {
        JsonNode node = YAML.readTree(yaml);
        return SCHEMA.validate(node).stream().map(Error::toString).toList();
    }

    @Test
    void everyExampleMatchesTheSchema() throws IOException {
        List<Path> files;
        try (Stream<Path> walk = Files.walk(Path.of("src/test/resources/examples"))) {
            files = walk.filter(f -> f.toString().endsWith(".yaml")).sorted().toList();
        }
        assertThat(files).isNotEmpty();
        for (Path f : files) assertThat(errors(Files.readString(f))).as(f.toString()).isEmpty();
    }

    @Test
    void shapesTheLoaderRejectsTheSchemaRejectsToo() throws IOException {
        String ok = """
                apiVersion: catena/v1
                kind: Bundle
                models: [{name: m, type: scripted, responses: [x]}]
                chains:
                  - {name: a, type: llm, model: {ref: m}, template: "{q}", parser: json}
                  - name: r
                    type: llm-router
                    model: {bean: host}
                    destinations: {x: {chain: {ref: a}, description: X}}
                    default: {ref: a}
                """;
        assertThat(errors(ok)).isEmpty();
        assertThat(errors(ok.replace("parser: json", "parser: json, temperature: 1"))).isNotEmpty();
        assertThat(errors(ok.replace("type: llm,", "type: lm,"))).isNotEmpty();
        assertThat(errors(ok.replace("model: {ref: m}, ", ""))).isNotEmpty();
        assertThat(errors(ok.replace("parser: json", "parser: xml"))).isNotEmpty();
        assertThat(errors(ok.replace("model: {bean: host}", "model: host"))).isNotEmpty();
        assertThat(errors(ok.replace("model: {bean: host}", "model: {bean: host, ref: m}"))).isNotEmpty();
        assertThat(errors(ok.replace("responses: [x]", "responses: x"))).isNotEmpty();
        assertThat(errors(ok.replace("kind: Bundle", "kind: Pipeline"))).isNotEmpty();
        assertThat(errors(ok.replace("catena/v1", "catena/v2"))).isNotEmpty();
        assertThat(errors(ok.replace("chains:", "flows:"))).isNotEmpty();
        assertThat(errors("""
                apiVersion: catena/v1
                kind: Chain
                name: s
                type: stuff
                chain: {ref: a}
                separator: 3
                """)).isNotEmpty();
        assertThat(errors("""
                apiVersion: catena/v1
                kind: Chain
                include: [other.yaml]
                name: s
                type: stuff
                chain: {ref: a}
                """)).isEmpty();
    }
}

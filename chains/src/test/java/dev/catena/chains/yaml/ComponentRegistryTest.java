package dev.catena.chains.yaml;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.catena.core.component.AbstractComponentType;
import dev.catena.core.component.ComponentContext;
import dev.catena.core.component.ComponentType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The allow-list of types: ServiceLoader built-ins, extensions, and what a type may not be. */
class ComponentRegistryTest {

    /** A user's extension: a greeting of a configurable length. */
    public record GreetingSpec(@JsonProperty(required = true) String text, Integer times) {}

    static final class Greeting extends AbstractComponentType<GreetingSpec, String> {
        Greeting() { super("Greeting", "repeat", GreetingSpec.class, String.class, "Repeats a text"); }
        @Override public String create(GreetingSpec s, ComponentContext ctx) {
            return (s.text() + " ").repeat(s.times() == null ? 1 : s.times()).strip();
        }
    }

    public record NameSpec(String name) {}

    static final class Reserved extends AbstractComponentType<NameSpec, String> {
        Reserved() { super("Greeting", "bad", NameSpec.class, String.class, "declares 'name'"); }
        @Override public String create(NameSpec s, ComponentContext ctx) { return ""; }
    }

    static final class NotARecord extends AbstractComponentType<String, String> {
        NotARecord() { super("Greeting", "plain", String.class, String.class, "spec is not a record"); }
        @Override public String create(String s, ComponentContext ctx) { return s; }
    }

    @Test
    void serviceLoaderRegistersTheBuiltIns() {
        ComponentRegistry registry = ComponentRegistry.fromServiceLoader();
        assertThat(registry.types("Chain").keySet()).containsExactly("conversation", "conversational-retrieval", "embedding-router",
                "llm", "llm-router", "map-reduce", "refine", "retrieval-qa", "sequential", "stuff", "transform");
        assertThat(registry.types("Prompt").keySet()).containsExactly("chat", "few-shot", "text");
        assertThat(registry.types("Model")).containsKeys("scripted", "openai-compatible");
        assertThat(registry.sections()).containsEntry("chains", "Chain").containsEntry("prompts", "Prompt");
        assertThat(ComponentRegistry.section("Memory")).isEqualTo("memories");
    }

    @Test
    void anExtensionTypeIsUsableInFilesAndTheSchema(@TempDir Path dir) throws IOException {
        List<ComponentType<?, ?>> types = new ArrayList<>();
        ComponentRegistry.fromServiceLoader().kinds().forEach(k -> types.addAll(ComponentRegistry.fromServiceLoader().types(k).values()));
        types.add(new Greeting());
        ComponentRegistry registry = ComponentRegistry.of(types);
        Path file = dir.resolve("hello.yaml");
        Files.writeString(file, """
                apiVersion: catena/v1
                kind: Bundle
                greetings:
                  - {name: hi, type: repeat, text: hello, times: 2}
                """);

        Components c = CatenaLoader.builder().registry(registry).build().load(file);

        assertThat(c.get("hi", String.class)).isEqualTo("hello hello");
        assertThat(SchemaGenerator.generate(registry)).contains("\"Greeting.repeat\"").contains("\"greetings\"");
        Files.writeString(file, "apiVersion: catena/v1\nkind: Greeting\nname: hi\ntype: repeat\n");
        assertThatThrownBy(() -> CatenaLoader.builder().registry(registry).build().read(file))
                .isInstanceOf(CatenaFileException.class).hasMessage("hello.yaml:1:1 missing required field 'text'");
        assertThatThrownBy(() -> CatenaLoader.defaults().read(file))
                .isInstanceOf(CatenaFileException.class).hasMessageContaining("unknown kind 'Greeting'");
    }

    @Test
    void badTypesAreRefusedWhenRegistered() {
        assertThatThrownBy(() -> ComponentRegistry.of(List.of(new Greeting(), new Greeting())))
                .hasMessageContaining("Greeting type 'repeat' is registered twice");
        assertThatThrownBy(() -> ComponentRegistry.of(List.of(new Reserved())))
                .hasMessageContaining("declares reserved field 'name'");
        assertThatThrownBy(() -> ComponentRegistry.of(List.of(new NotARecord())))
                .hasMessageContaining("must be a record");
    }
}

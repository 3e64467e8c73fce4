package dev.catena.chains.yaml;

import dev.catena.chains.InMemoryRetriever;
import dev.catena.core.runnable.Runnable;
import dev.catena.testing.ScriptedChatModel;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static dev.catena.chains.TestInputs.in;
import static dev.catena.chains.TestInputs.prompt;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** The loader: references, includes, host beans, placeholders, round trips and every kind of bad input. */
class CatenaLoaderTest {

    @TempDir
    Path root;

    private Path write(String name, String text) throws IOException {
        Path file = root.resolve(name);
        Files.createDirectories(file.getParent());
        Files.writeString(file, text);
        return file;
    }

    @SuppressWarnings("unchecked")
    private static Runnable<Map<String, Object>, Object> chain(Components c, String name) {
        return c.get(name, Runnable.class);
    }

    /** The errors of reading {@code file} with {@code loader}, as the user sees them. */
    private static List<String> errors(CatenaLoader loader, Path file) {
        CatenaFileException e = catchThrowableOfType(CatenaFileException.class, () -> loader.read(file));
        assertThat(e).as("reading %s should fail", file.getFileName()).isNotNull();
        return e.errors().stream().map(FileError::toString).toList();
    }

    private static List<String> errors(Path file) {
        return errors(CatenaLoader.defaults(), file);
    }

    // ---- references, includes, beans, placeholders ------------------------------------------------------

    @Test
    void refsReachComponentsOfIncludedFilesAndHostBeans() throws IOException {
        write("shared/models.yaml", """
                apiVersion: catena/v1
                kind: Bundle
                models:
                  - {name: local, type: scripted, responses: ["Refunds take 14 days."]}
                """);
        write("shared/prompts/qa.yaml", """
                apiVersion: catena/v1
                kind: Prompt
                name: qa-prompt
                type: text
                template: "{context} -- {question}"
                """);
        Path main = write("bot.yaml", """
                apiVersion: catena/v1
                kind: Bundle
                include: [shared/models.yaml, shared/prompts/qa.yaml]
                chains:
                  - {name: answer, type: llm, model: {ref: local}, prompt: {ref: qa-prompt}}
                  - {name: stuffed, type: stuff, chain: {ref: answer}}
                  - {name: qa, type: retrieval-qa, retriever: {bean: kb}, combine: {ref: stuffed}}
                """);
        CatenaLoader loader = CatenaLoader.builder().bean("kb", new InMemoryRetriever(1, "Refunds take 14 days.")).build();

        Components c = loader.load(main);

        assertThat(c.definition().components().keySet()).containsExactlyInAnyOrder("local", "qa-prompt", "answer", "stuffed", "qa");
        assertThat(c.definition().names("Chain")).containsExactly("answer", "stuffed", "qa");
        assertThat(chain(c, "qa").invoke(in("question", "How long do refunds take?"))).isEqualTo("Refunds take 14 days.");
        assertThat(prompt(c.get("local", ScriptedChatModel.class).lastRequest())).isEqualTo("Refunds take 14 days. -- How long do refunds take?");
    }

    @Test
    void includesMayNotLeaveTheBaseDirectory() throws IOException {
        write("outside.yaml", "apiVersion: catena/v1\nkind: Bundle\n");
        Path main = write("app/main.yaml", """
                apiVersion: catena/v1
                kind: Bundle
                include:
                  - ../outside.yaml
                  - /etc/passwd
                  - sub/../../app/missing.yaml
                """);
        assertThat(errors(main)).containsExactly(
                "main.yaml:4:5 include[0]: cannot include: path '../outside.yaml' escapes the base directory " + root.resolve("app"),
                "main.yaml:5:5 include[1]: cannot include: path '/etc/passwd' is absolute; use a path relative to main.yaml",
                "main.yaml:6:5 include[2]: included file 'sub/../../app/missing.yaml' does not exist");
    }

    @Test
    void includeCyclesAreErrors() throws IOException {
        write("a.yaml", "apiVersion: catena/v1\nkind: Bundle\ninclude: [b.yaml]\n");
        write("b.yaml", "apiVersion: catena/v1\nkind: Bundle\ninclude: [a.yaml]\n");
        assertThat(errors(root.resolve("a.yaml"))).containsExactly("b.yaml:3:11 include[0]: include cycle: a.yaml -> b.yaml -> a.yaml");
    }

    @Test
    void unknownBeanAndWrongBeanTypeAreNamed() throws IOException {
        Path file = write("beans.yaml", """
                apiVersion: catena/v1
                kind: Bundle
                models:
                  - {name: m, type: scripted, responses: [x]}
                chains:
                  - {name: a, type: llm, model: {bean: gpt}, template: "{q}"}
                  - {name: b, type: llm, model: {bean: kb}, template: "{q}"}
                """);
        CatenaLoader loader = CatenaLoader.builder().bean("kb", new InMemoryRetriever(1)).bean("local", ScriptedChatModel.of("x")).build();

        assertThat(errors(loader, file)).containsExactly("beans.yaml:6:26 chains[0].model: unknown bean 'gpt' (registered: kb, local)");

        Path ok = write("beans2.yaml", """
                apiVersion: catena/v1
                kind: Chain
                name: b
                type: llm
                model: {bean: kb}
                template: "{q}"
                """);
        assertThatThrownBy(() -> loader.load(ok).get("b", Runnable.class))
                .isInstanceOf(CatenaFileException.class)
                .hasMessage("beans2.yaml:5:1 model: bean 'kb' is a InMemoryRetriever, expected a ChatModel");
    }

    @Test
    void envValuesOnlyForAllowListedNames() throws IOException {
        Path file = write("env.yaml", """
                apiVersion: catena/v1
                kind: Bundle
                models:
                  - name: m
                    type: scripted
                    responses: ["Hello from ${env:GREETING}!", "${env:SECRET_TOKEN}"]
                """);
        Map<String, String> env = Map.of("GREETING", "Lyon", "SECRET_TOKEN", "s3cr3t");

        Components c = CatenaLoader.builder().environment(env).allowEnv("GREETING", "SECRET_TOKEN").build().load(file);
        assertThat(c.get("m", ScriptedChatModel.class).chat("hi")).isEqualTo("Hello from Lyon!");

        List<String> errors = errors(CatenaLoader.builder().environment(env).allowEnv("GREETING").build(), file);
        assertThat(errors).containsExactly(
                "env.yaml:6:48 models[0].responses[1]: environment variable 'SECRET_TOKEN' is not on the allow-list (allowed: GREETING)");
        assertThat(String.join("\n", errors)).doesNotContain("s3cr3t");
        assertThat(errors(CatenaLoader.builder().environment(Map.of()).allowEnv("GREETING", "SECRET_TOKEN").build(), file))
                .contains("env.yaml:6:17 models[0].responses[0]: environment variable 'GREETING' is not set");
    }

    @Test
    void fileValuesReadRelativeFilesInsideTheBase() throws IOException {
        write("prompts/system.txt", "You answer in {language}.");
        write("secret.txt", "top secret");
        write("prompt.yaml", """
                apiVersion: catena/v1
                kind: Bundle
                prompts:
                  - {name: sys, type: text, template: "${file:prompts/system.txt}"}
                models:
                  - {name: literal, type: scripted, responses: ["Write $${HOME} literally"]}
                """);
        Components c = CatenaLoader.defaults().load(root.resolve("prompt.yaml"));
        assertThat(c.get("sys", dev.catena.core.prompt.PromptTemplate.class).format(Map.of("language", "French")))
                .isEqualTo("You answer in French.");
        assertThat(c.get("literal", ScriptedChatModel.class).chat("hi")).isEqualTo("Write ${HOME} literally");

        Path sub = write("app/escape.yaml", """
                apiVersion: catena/v1
                kind: Prompt
                name: p
                type: text
                template: "${file:../secret.txt}"
                """);
        assertThat(errors(sub)).singleElement().asString()
                .startsWith("escape.yaml:5:1 template: path '../secret.txt' escapes the base directory");
    }

    // ---- round trips --------------------------------------------------------------------------------------

    @Test
    void everyKindRoundTrips() throws IOException {
        write("prompts/system.txt", "You are a {role}.");
        Map<String, String> files = Map.of(
                "model.yaml", """
                        apiVersion: catena/v1
                        kind: Model
                        name: local
                        type: scripted
                        responses: ["Hi ${env:USER_NAME}", "plain $${not a placeholder}"]
                        tokenDelayMillis: 0
                        """,
                "prompt.yaml", """
                        apiVersion: catena/v1
                        kind: Prompt
                        name: chat
                        type: chat
                        format: braces
                        messages:
                          - {role: system, text: "${file:prompts/system.txt}"}
                          - {role: placeholder, name: history, optional: true}
                          - {role: user, text: "{input}"}
                        partials: {role: helper}
                        """,
                "chain.yaml", """
                        apiVersion: catena/v1
                        kind: Chain
                        include: [model.yaml, prompt.yaml]
                        name: talk
                        type: llm
                        model: {ref: local}
                        prompt: {ref: chat}
                        parser: text
                        """,
                "bundle.yaml", """
                        apiVersion: catena/v1
                        kind: Bundle
                        include: [model.yaml]
                        prompts:
                          - {name: fs, type: few-shot, prefix: P, examplePrompt: "{a}={b}", examples: [{a: "1", b: "2"}], suffix: "{q}"}
                          - {name: t, type: text, template: "{x}", inputVariables: [x]}
                        chains:
                          - {name: one, type: llm, model: {ref: local}, template: "{x}", parser: json}
                          - {name: two, type: llm, model: {ref: local}, prompt: {ref: fs}}
                          - name: seq
                            type: sequential
                            inputs: [x]
                            steps: [{output: y, chain: {ref: one}}, {output: z, chain: {ref: two}}]
                            outputs: [y, z]
                          - name: route
                            type: llm-router
                            model: {ref: local}
                            inputKey: question
                            destinations: {first: {chain: {ref: one}, description: "the first"}}
                            default: {ref: two}
                          - name: meaning
                            type: embedding-router
                            embeddingModel: {bean: embed}
                            threshold: 0.75
                            destinations: {first: {chain: {ref: one}, examples: [a, b]}}
                            default: {ref: two}
                          - {name: fn, type: transform, function: {bean: f}, inputs: [a], outputs: [b]}
                          - {name: st, type: stuff, chain: {ref: one}, separator: "\\n---\\n"}
                          - {name: mr, type: map-reduce, map: {ref: one}, reduce: {ref: two}, maxConcurrency: 2, maxReduceChars: 1000}
                          - {name: rf, type: refine, initial: {ref: one}, refine: {ref: two}}
                          - {name: qa, type: retrieval-qa, retriever: {bean: kb}, combine: {ref: st}, returnSources: true}
                          - {name: cr, type: conversational-retrieval, retriever: {bean: kb}, condense: {ref: one}, combine: {ref: st}, memory: {bean: mem}}
                          - {name: conv, type: conversation, chain: {ref: one}, memory: {bean: mem}, inputKey: q}
                        """);
        for (var e : files.entrySet()) write(e.getKey(), e.getValue());
        CatenaLoader loader = CatenaLoader.builder().environment(Map.of("USER_NAME", "Ada")).allowEnv("USER_NAME")
                .bean("embed", new Object()).bean("f", new Object()).bean("kb", new Object()).bean("mem", new Object()).build();

        for (String name : List.of("model.yaml", "prompt.yaml", "chain.yaml", "bundle.yaml")) {
            Definition first = loader.read(root.resolve(name));
            String written = DefinitionWriter.write(first);
            Path copy = write("copy-of-" + name, written);
            Definition second = loader.read(copy);

            assertThat(second.document()).as("%s written as:%n%s", name, written).isEqualTo(first.document());
            assertThat(second.components()).isEqualTo(first.components());
            assertThat(DefinitionWriter.write(second)).as("writing is stable").isEqualTo(written);
        }
        String model = DefinitionWriter.write(loader.read(root.resolve("model.yaml")));
        assertThat(model).contains("${env:USER_NAME}").contains("$${not a placeholder}").doesNotContain("Ada");
        assertThat(DefinitionWriter.write(loader.read(root.resolve("prompt.yaml")))).contains("${file:prompts/system.txt}");
        assertThat(loader.read(root.resolve("bundle.yaml")).document().components()).hasSize(14);
    }

    // ---- bad input ----------------------------------------------------------------------------------------

    @Test
    void malformedYamlIsLocated() throws IOException {
        Path file = write("broken.yaml", """
                apiVersion: catena/v1
                kind: Chain
                name: x
                  type: llm
                """);
        assertThat(errors(file)).singleElement().asString().startsWith("broken.yaml:4:7 YAML syntax error:");
    }

    @Test
    void unknownTypeFieldAndWrongValuesAreLocatedAndAllReported() throws IOException {
        Path file = write("support-bot.yaml", """
                apiVersion: catena/v1
                kind: Bundle
                models:
                  - {name: local, type: scripted, responses: [hi]}
                  - {name: remote, type: scripted, responses: [hello]}
                chains:
                  - {name: a, type: llm, model: {ref: local}, template: "{q}"}
                  - {name: b, type: lm, model: {ref: local}}
                  - {name: c, type: llm, model: {ref: gpt}, template: "{q}"}
                  - {name: d, type: map-reduce, map: {ref: a}, reduce: {ref: a}, maxConcurrency: "four", maxReduceChars: [1]}
                  - {name: e, type: sequential, inputs: [x]}
                  - {name: f, type: llm, model: {ref: local}, template: "{q}", parser: xml}
                  - {name: g, type: llm, model: {ref: local}}
                  - {name: a, type: llm, model: {ref: local}, template: "{q}"}
                  - {name: h, type: stuff, chain: local-chain}
                  - {name: i, type: llm, model: {ref: remote}, template: "{q}", temperature: 0.2}
                  - {name: j, type: sequential, inputs: [x], steps: [{output: 1, chain: {ref: a}}]}
                """);
        assertThat(errors(file)).containsExactly(
                "support-bot.yaml:8:15 chains[1].type: unknown Chain type 'lm' (known: conversation, conversational-retrieval, embedding-router, "
                        + "llm, llm-router, map-reduce, refine, retrieval-qa, sequential, stuff, transform)",
                "support-bot.yaml:10:66 chains[3].maxConcurrency: wrong value type: expected an integer, got the string 'four'",
                "support-bot.yaml:10:90 chains[3].maxReduceChars: wrong value type: expected an integer, got a list",
                "support-bot.yaml:11:5 chains[4]: missing required field 'steps'",
                "support-bot.yaml:12:64 chains[5].parser: wrong value type: expected one of text, json, lines, csv, bool, got the string 'xml'",
                "support-bot.yaml:13:5 chains[6]: invalid value: give exactly one of 'prompt' and 'template'",
                "support-bot.yaml:14:6 chains[7].name: duplicate component name 'a' (first declared at support-bot.yaml:7:5)",
                "support-bot.yaml:15:28 chains[8].chain: wrong value type: expected a reference {ref: name} or {bean: name}, got the string 'local-chain'",
                "support-bot.yaml:16:65 chains[9].temperature: unknown field 'temperature' (allowed: prompt, template, model, parser, output)",
                "support-bot.yaml:17:55 chains[10].steps[0].output: wrong value type: expected a string, got the number 1",
                "support-bot.yaml:9:26 chains[2].model: unknown ref 'gpt' (known: local, remote, a, c)");
    }

    @Test
    void danglingAndCyclicRefs() throws IOException {
        Path file = write("cycle.yaml", """
                apiVersion: catena/v1
                kind: Bundle
                chains:
                  - {name: a, type: stuff, chain: {ref: b}}
                  - {name: b, type: stuff, chain: {ref: c}}
                  - {name: c, type: stuff, chain: {ref: a}}
                  - {name: d, type: stuff, chain: {ref: nowhere}}
                """);
        assertThat(errors(file)).containsExactly(
                "cycle.yaml:7:28 chains[3].chain: unknown ref 'nowhere' (known: a, b, c, d)",
                "cycle.yaml:6:28 chains[2].chain: cyclic ref: a -> b -> c -> a");
    }

    @Test
    void unknownKindAndApiVersion() throws IOException {
        Path file = write("kind.yaml", "apiVersion: catena/v2\nkind: Pipeline\nname: x\n");
        assertThat(errors(file)).containsExactly(
                "kind.yaml:1:1 apiVersion: unsupported apiVersion 'catena/v2' (expected catena/v1)",
                "kind.yaml:2:1 kind: unknown kind 'Pipeline' (known: Bundle, Chain, Model, Prompt)");
    }

    @Test
    void aliasBombsHugeFilesAndDeepNestingFailFast() throws IOException {
        StringBuilder bomb = new StringBuilder("apiVersion: catena/v1\nkind: Bundle\nl0: &l0 [x, x, x, x, x, x, x, x]\n");
        for (int i = 1; i <= 6; i++) {
            bomb.append("l").append(i).append(": &l").append(i).append(" [");
            for (int j = 0; j < 8; j++) bomb.append(j == 0 ? "" : ", ").append("*l").append(i - 1);
            bomb.append("]\n");
        }
        assertThat(errors(write("laughs.yaml", bomb.toString()))).singleElement().asString()
                .contains("laughs.yaml:").contains("more than 200000 nodes (alias/anchor expansion bomb?)");

        StringBuilder many = new StringBuilder("apiVersion: catena/v1\nkind: Bundle\na: &a [x]\nb: [");
        for (int j = 0; j < 60; j++) many.append(j == 0 ? "" : ", ").append("*a");
        assertThat(errors(write("aliases.yaml", many.append("]\n").toString()))).singleElement().asString()
                .startsWith("aliases.yaml").contains("aliases");

        Path big = root.resolve("big.yaml");
        try (OutputStream out = Files.newOutputStream(big)) {
            byte[] line = "# padding padding padding padding padding padding padding padding padding padding\n".getBytes();
            for (long written = 0; written < 50L * 1024 * 1024; written += line.length) out.write(line);
        }
        assertThat(errors(big)).singleElement().asString().matches("big\\.yaml file is \\d+ bytes; the limit is 4194304 bytes");

        String deep = "apiVersion: catena/v1\nkind: Bundle\nx: " + "[".repeat(5000) + "]".repeat(5000) + "\n";
        assertThat(errors(write("deep.yaml", deep))).singleElement().asString().matches("deep\\.yaml:3:\\d+ YAML error: Nesting Depth exceeded max 40");
    }

    @Test
    void loadingNeverInstantiatesAClassNamedInTheFile() throws IOException {
        String tripwire = Tripwire.class.getName();
        Path file = write("classes.yaml", """
                apiVersion: catena/v1
                kind: Bundle
                chains:
                  - {name: a, type: %1$s}
                """.formatted(tripwire));
        Path valueTag = write("value-tag.yaml", """
                apiVersion: catena/v1
                kind: Chain
                name: b
                type: llm
                model: !!%1$s {}
                template: x
                """.formatted(tripwire));
        Path kind = write("kind-class.yaml", "apiVersion: catena/v1\nkind: " + tripwire + "\nname: x\ntype: " + tripwire + "\n");
        Path tag = write("tag.yaml", "!!" + tripwire + "\napiVersion: catena/v1\n");

        assertThat(errors(file)).singleElement().asString().contains("unknown Chain type '" + tripwire + "'");
        assertThat(errors(kind)).singleElement().asString().contains("unknown kind '" + tripwire + "'");
        assertThat(errors(tag)).singleElement().asString().contains("YAML syntax error: Global tag is not allowed");
        assertThat(errors(valueTag)).singleElement().asString().startsWith("value-tag.yaml:5:8 YAML syntax error: Global tag is not allowed");
        assertThat(TripwireFlag.initialized).as("Tripwire was never loaded or created").isFalse();
    }
}

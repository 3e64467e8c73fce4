package dev.catena.chains.yaml;

import dev.catena.chains.InMemoryRetriever;
import dev.catena.chains.LockingMemory;
import dev.catena.chains.BagOfWordsEmbeddingModel;
import dev.catena.core.prompt.PromptValue;
import dev.catena.core.runnable.Runnable;
import dev.catena.testing.ScriptedChatModel;
import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.data.message.SystemMessage;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.rag.content.Content;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import static dev.catena.chains.TestInputs.in;
import static dev.catena.chains.TestInputs.prompt;
import static org.assertj.core.api.Assertions.assertThat;

/** Every chain and prompt type, declared in YAML, loaded and run on scripted models. */
class YamlChainTypesTest {

    @TempDir
    Path dir;

    private Path write(String name, String text) throws IOException {
        Path file = dir.resolve(name);
        Files.createDirectories(file.getParent());
        Files.writeString(file, text);
        return file;
    }

    @SuppressWarnings("unchecked")
    private static Runnable<Map<String, Object>, Object> chain(Components c, String name) {
        return c.get(name, Runnable.class);
    }

    @Test
    void promptTypes() throws IOException {
        Path file = write("prompts.yaml", """
                apiVersion: catena/v1
                kind: Bundle
                prompts:
                  - name: summary
                    type: text
                    template: "Summarize {text} in {n} words."
                    inputVariables: [text, n]
                    partials: {n: "ten"}
                  - name: mustache
                    type: text
                    format: mustache
                    template: "Hello {{name}}"
                  - name: support
                    type: chat
                    messages:
                      - {role: system, text: "You help {customer}."}
                      - {role: placeholder, name: history, optional: true}
                      - {role: user, text: "{question}"}
                  - name: antonyms
                    type: few-shot
                    prefix: Give the antonym.
                    examplePrompt: "In: {in}\\nOut: {out}"
                    examples:
                      - {in: happy, out: sad}
                      - {in: tall, out: short}
                    suffix: "In: {word}\\nOut:"
                """);
        Components c = CatenaLoader.defaults().load(file);

        assertThat(text(c, "summary", in("text", "the report"))).isEqualTo("Summarize the report in ten words.");
        assertThat(text(c, "mustache", in("name", "Ada"))).isEqualTo("Hello Ada");
        PromptValue chat = promptOf(c, "support").invoke(in("customer", "Ada", "question", "Where is my order?"));
        assertThat(chat.toMessages()).containsExactly(SystemMessage.from("You help Ada."), UserMessage.from("Where is my order?"));
        assertThat(text(c, "antonyms", in("word", "big")))
                .isEqualTo("Give the antonym.\n\nIn: happy\nOut: sad\n\nIn: tall\nOut: short\n\nIn: big\nOut:");
    }

    @SuppressWarnings("unchecked")
    private static Runnable<Map<String, Object>, PromptValue> promptOf(Components c, String name) {
        return c.get(name, Runnable.class);
    }

    private static String text(Components c, String name, Map<String, Object> input) {
        return promptOf(c, name).invoke(input).toText();
    }

    @Test
    void llmSequentialAndParsers() throws IOException {
        Path file = write("story.yaml", """
                apiVersion: catena/v1
                kind: Bundle
                models:
                  - {name: writer, type: scripted, responses: ["A clock runs backwards."]}
                  - {name: critic, type: scripted, responses: ["Charming."]}
                  - {name: lister, type: scripted, responses: ["red\\ngreen\\nblue"]}
                prompts:
                  - {name: review-prompt, type: text, template: "Review: {synopsis}"}
                chains:
                  - {name: synopsis, type: llm, model: {ref: writer}, template: "Synopsis of {title}"}
                  - {name: review, type: llm, model: {ref: critic}, prompt: {ref: review-prompt}}
                  - name: story
                    type: sequential
                    inputs: [title]
                    steps:
                      - {output: synopsis, chain: {ref: synopsis}}
                      - {output: review, chain: {ref: review}}
                    outputs: [synopsis, review]
                  - {name: colours, type: llm, model: {ref: lister}, template: "Colours of {flag}", parser: lines}
                """);
        Components c = CatenaLoader.defaults().load(file);

        assertThat(chain(c, "story").invoke(in("title", "Tick")))
                .isEqualTo(Map.of("synopsis", "A clock runs backwards.", "review", "Charming."));
        assertThat(prompt(c.get("critic", ScriptedChatModel.class).lastRequest())).isEqualTo("Review: A clock runs backwards.");
        assertThat(chain(c, "colours").invoke(in("flag", "x"))).isEqualTo(List.of("red", "green", "blue"));
    }

    @Test
    void routersTransformAndStreaming() throws IOException {
        Path file = write("routing.yaml", """
                apiVersion: catena/v1
                kind: Bundle
                models:
                  - {name: router-model, type: scripted, responses: [physics, "no idea"]}
                  - {name: physics-model, type: scripted, responses: ["Light is fast.", "Mass bends space."]}
                  - {name: general-model, type: scripted, responses: ["Happy to help.", "Hi.", "Hello."]}
                chains:
                  - {name: physics, type: llm, model: {ref: physics-model}, template: "Physics: {input}"}
                  - {name: general, type: llm, model: {ref: general-model}, template: "{input}"}
                  - name: by-llm
                    type: llm-router
                    model: {ref: router-model}
                    destinations:
                      physics: {chain: {ref: physics}, description: Questions about physics}
                    default: {ref: general}
                  - name: by-meaning
                    type: embedding-router
                    embeddingModel: {bean: embeddings}
                    threshold: 0.3
                    destinations:
                      physics: {chain: {ref: physics}, examples: ["how fast does light travel", "what does gravity do to mass"]}
                    default: {ref: general}
                  - {name: shout, type: transform, function: {bean: upper}, inputs: [text], outputs: [loud]}
                """);
        Function<Map<String, Object>, Map<String, ?>> upper = m -> Map.of("loud", m.get("text").toString().toUpperCase());
        Components c = CatenaLoader.builder().bean("embeddings", new BagOfWordsEmbeddingModel()).bean("upper", upper).build().load(file);

        assertThat(chain(c, "by-llm").stream(in("input", "How fast is light?")).toList()).containsExactly("Light", " is", " fast.");
        assertThat(chain(c, "by-llm").invoke(in("input", "Tell me a joke"))).isEqualTo("Happy to help.");
        assertThat(chain(c, "by-meaning").invoke(in("input", "does gravity bend mass?"))).isEqualTo("Mass bends space.");
        assertThat(chain(c, "by-meaning").invoke(in("input", "hi"))).isEqualTo("Hi.");
        assertThat(chain(c, "shout").invoke(in("text", "hey"))).isEqualTo(Map.of("loud", "HEY"));
    }

    @Test
    void documentChains() throws IOException {
        Path file = write("docs.yaml", """
                apiVersion: catena/v1
                kind: Bundle
                models:
                  - {name: m1, type: scripted, responses: ["three docs"]}
                  - {name: mapper, type: scripted, responses: [s1, s2, s3]}
                  - {name: reducer, type: scripted, responses: ["all summarized"]}
                  - {name: refiner, type: scripted, responses: [a1, a2, a3]}
                chains:
                  - {name: answer, type: llm, model: {ref: m1}, template: "{context}"}
                  - {name: stuffed, type: stuff, chain: {ref: answer}, separator: " | "}
                  - {name: map, type: llm, model: {ref: mapper}, template: "Summarize: {context}"}
                  - {name: reduce, type: llm, model: {ref: reducer}, template: "Combine: {context}"}
                  - {name: mr, type: map-reduce, map: {ref: map}, reduce: {ref: reduce}, maxConcurrency: 1}
                  - {name: first, type: llm, model: {ref: refiner}, template: "{context}"}
                  - {name: better, type: llm, model: {ref: refiner}, template: "{existing_answer} + {context}"}
                  - {name: refined, type: refine, initial: {ref: first}, refine: {ref: better}}
                """);
        Components c = CatenaLoader.defaults().load(file);
        List<String> docs = List.of("d1", "d2", "d3");

        assertThat(chain(c, "stuffed").invoke(in("documents", docs))).isEqualTo("three docs");
        assertThat(prompt(c.get("m1", ScriptedChatModel.class).lastRequest())).isEqualTo("d1 | d2 | d3");
        assertThat(chain(c, "mr").invoke(in("documents", docs))).isEqualTo("all summarized");
        assertThat(prompt(c.get("reducer", ScriptedChatModel.class).lastRequest())).isEqualTo("Combine: s1\n\ns2\n\ns3");
        assertThat(chain(c, "refined").invoke(in("documents", docs))).isEqualTo("a3");
        assertThat(prompt(c.get("refiner", ScriptedChatModel.class).lastRequest())).isEqualTo("a2 + d3");
    }

    @Test
    @SuppressWarnings("unchecked")
    void retrievalAndConversationChains() throws IOException {
        Path file = write("qa.yaml", """
                apiVersion: catena/v1
                kind: Bundle
                models:
                  - {name: answerer, type: scripted, responses: ["Within 14 days.", "Yes, in 3 days."]}
                  - {name: condenser, type: scripted, responses: ["Does shipping to Europe take 3 days?"]}
                  - {name: chatty, type: scripted, responses: ["Hi Ada.", "You are Ada."]}
                prompts:
                  - name: chat
                    type: chat
                    messages:
                      - {role: system, text: Be brief.}
                      - {role: placeholder, name: history}
                      - {role: user, text: "{input}"}
                chains:
                  - {name: answer, type: llm, model: {ref: answerer}, template: "{context}\\nQ: {question}"}
                  - {name: stuffed, type: stuff, chain: {ref: answer}}
                  - {name: qa, type: retrieval-qa, retriever: {bean: kb}, combine: {ref: stuffed}, returnSources: true}
                  - {name: condense, type: llm, model: {ref: condenser}, template: "{chat_history}\\nFollow-up: {question}"}
                  - name: support
                    type: conversational-retrieval
                    retriever: {bean: kb}
                    condense: {ref: condense}
                    combine: {ref: stuffed}
                    memory: {bean: memory}
                  - {name: talk, type: llm, model: {ref: chatty}, prompt: {ref: chat}}
                  - {name: buddy, type: conversation, chain: {ref: talk}, memory: {bean: memory}}
                """);
        InMemoryRetriever kb = new InMemoryRetriever(1, "Refunds are paid within 14 days.", "Shipping to Europe takes 3 days.");
        LockingMemory memory = new LockingMemory();
        Components c = CatenaLoader.builder().bean("kb", kb).bean("memory", memory).build().load(file);

        Map<String, Object> qa = (Map<String, Object>) chain(c, "qa").invoke(in("question", "How fast are refunds?"));
        assertThat(qa.get("answer")).isEqualTo("Within 14 days.");
        assertThat(((List<Content>) qa.get("sources")).getFirst().textSegment().text()).isEqualTo("Refunds are paid within 14 days.");

        memory.add("t1", List.of(UserMessage.from("I ship to Paris."), AiMessage.from("Noted.")));
        assertThat(chain(c, "support").invoke(in("conversationId", "t1", "question", "Is it 3 days?"))).isEqualTo("Yes, in 3 days.");
        assertThat(kb.queries()).containsExactly("How fast are refunds?", "Does shipping to Europe take 3 days?");
        assertThat(memory.stored("t1")).hasSize(4);

        chain(c, "buddy").invoke(in("conversationId", "t2", "input", "I am Ada."));
        assertThat(chain(c, "buddy").stream(in("conversationId", "t2", "input", "Who am I?")).toList()).containsExactly("You", " are", " Ada.");
        assertThat(c.get("chatty", ScriptedChatModel.class).lastMessages()).hasSize(4);
        assertThat(memory.stored("t2")).hasSize(4);
    }
}

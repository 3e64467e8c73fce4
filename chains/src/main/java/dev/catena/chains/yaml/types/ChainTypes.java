package dev.catena.chains.yaml.types;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import com.fasterxml.jackson.databind.JsonNode;
import dev.catena.chains.documents.MapReduceDocumentsChain;
import dev.catena.chains.documents.RefineDocumentsChain;
import dev.catena.chains.documents.StuffDocumentsChain;
import dev.catena.chains.llm.LlmChain;
import dev.catena.chains.memory.ConversationChain;
import dev.catena.chains.retrieval.ConversationalRetrievalChain;
import dev.catena.chains.retrieval.RetrievalQaChain;
import dev.catena.chains.router.EmbeddingRouter;
import dev.catena.chains.router.LlmRouter;
import dev.catena.chains.router.RouterChain;
import dev.catena.chains.sequential.SequentialChain;
import dev.catena.chains.transform.TransformChain;
import dev.catena.core.component.AbstractComponentType;
import dev.catena.core.component.ComponentContext;
import dev.catena.core.component.Ref;
import dev.catena.core.memory.ConversationMemory;
import dev.catena.core.model.ChatModelRunnable;
import dev.catena.core.parser.BooleanOutputParser;
import dev.catena.core.parser.JsonOutputParser;
import dev.catena.core.parser.JsonSchemaOutputParser;
import dev.catena.core.parser.ListOutputParser;
import dev.catena.core.parser.StringOutputParser;
import dev.catena.core.prompt.PromptTemplate;
import dev.catena.core.retrieval.Retriever;
import dev.catena.core.runnable.Runnable;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.embedding.EmbeddingModel;
import dev.langchain4j.rag.content.retriever.ContentRetriever;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * The chain types files may declare ({@code kind: Chain}), registered through ServiceLoader. Every
 * chain is a {@link Runnable} over a map of named values. Chains, prompts, models, retrievers and
 * memories are references: {@code {ref: name}} to a component of the file (or an included one) or
 * {@code {bean: name}} to an object the host application gave the loader.
 */
public final class ChainTypes {
    private ChainTypes() {}

    @SuppressWarnings({"rawtypes", "unchecked"})
    private abstract static class ChainType<S> extends AbstractComponentType<S, Runnable<Map<String, Object>, ?>> {
        ChainType(String type, Class<S> spec, String description) {
            super("Chain", type, spec, (Class) Runnable.class, description);
        }
    }

    /** A referenced chain (or prompt): any {@link Runnable}, used over named values. */
    @SuppressWarnings("unchecked")
    static Runnable<Map<String, Object>, Object> chain(ComponentContext ctx, Ref ref) {
        return (Runnable<Map<String, Object>, Object>) ctx.resolve(ref, Runnable.class);
    }

    static Retriever retriever(ComponentContext ctx, Ref ref) {
        return Retriever.of(ctx.resolve(ref, ContentRetriever.class));
    }

    static void exactlyOne(String a, Object va, String b, Object vb) {
        if ((va == null) == (vb == null)) throw new IllegalArgumentException("give exactly one of '" + a + "' and '" + b + "'");
    }

    static void atLeast(String field, Integer value, int min) {
        if (value != null && value < min) throw new IllegalArgumentException(field + " must be at least " + min + ", was " + value);
    }

    static <T> List<T> copy(List<T> list) {
        return list == null ? null : List.copyOf(list);
    }

    // ---- llm ----------------------------------------------------------------------------------------

    /** How an LLM chain turns the answer into a value. */
    public enum Parser {
        /** The text (default). */
        text,
        /** A JSON value (code fences and surrounding prose are ignored). */
        json,
        /** A list of strings, one per line. */
        lines,
        /** A list of strings, comma separated. */
        csv,
        /** true or false (yes/no). */
        bool
    }

    /**
     * {@code type: llm}.
     *
     * @param prompt   a Prompt component
     * @param template an inline text template, instead of {@code prompt}
     * @param model    the chat model
     * @param parser   how the answer becomes a value (default text)
     * @param output   the answer's format as a JSON Schema, instead of {@code parser}
     */
    public record LlmSpec(
            @JsonPropertyDescription("The prompt: {ref: <Prompt>} (or give 'template')") Ref prompt,
            @JsonPropertyDescription("An inline text template, e.g. 'Summarize {text}' (instead of 'prompt')") String template,
            @JsonProperty(required = true) @JsonPropertyDescription("The chat model: {ref: <Model>} or {bean: <host ChatModel>}") Ref model,
            @JsonPropertyDescription("How the answer becomes a value: text (default), json, lines, csv, bool") Parser parser,
            @JsonPropertyDescription("The answer's format: {schema: <JSON Schema>}; the answer is JSON valid against it") OutputSpec output) {
        public LlmSpec {
            exactlyOne("prompt", prompt, "template", template);
            if (output != null && parser != null && parser != Parser.json) {
                throw new IllegalArgumentException("'output' gives JSON; drop 'parser: " + parser + "' (or make it json)");
            }
        }
    }

    /**
     * The format of an LLM chain's answer: JSON valid against {@code schema}. A model that can constrain its decoding
     * is held to the schema; any other model is told the schema and its answer is validated.
     *
     * @param schema a JSON Schema: inline YAML, or JSON text (e.g. {@code ${file:person.schema.json}})
     */
    public record OutputSpec(
            @JsonProperty(required = true) @JsonPropertyDescription("A JSON Schema: inline, or JSON text such as ${file:schema.json}") JsonNode schema) {
        public OutputSpec {
            if (schema == null || schema.isNull()) throw new IllegalArgumentException("schema is missing");
            parser(schema);
        }

        /** The parser that validates answers against the schema. */
        public JsonSchemaOutputParser parser() {
            return parser(schema);
        }

        private static JsonSchemaOutputParser parser(JsonNode schema) {
            return JsonSchemaOutputParser.of(schema.isTextual() ? schema.textValue() : schema.toString());
        }
    }

    /** Prompt, model, parser. */
    public static final class Llm extends ChainType<LlmSpec> {
        public Llm() { super("llm", LlmSpec.class, "Prompt -> model -> parser"); }

        @Override public Runnable<Map<String, Object>, ?> create(LlmSpec s, ComponentContext ctx) {
            Runnable<Map<String, Object>, ?> prompt = s.prompt() != null ? chain(ctx, s.prompt()) : PromptTemplate.of(s.template());
            ChatModel model = ctx.resolve(s.model(), ChatModel.class);
            if (s.output() != null) return LlmChain.of(prompt, s.output().parser(), model);
            Runnable<Object, ?> parser = switch (s.parser() == null ? Parser.text : s.parser()) {
                case text -> StringOutputParser.create();
                case json -> JsonOutputParser.create();
                case lines -> ListOutputParser.lines();
                case csv -> ListOutputParser.csv();
                case bool -> BooleanOutputParser.create();
            };
            return LlmChain.of(prompt, ChatModelRunnable.of(model), parser);
        }
    }

    // ---- sequential -----------------------------------------------------------------------------------

    /**
     * One step of a sequential chain.
     *
     * @param output the name its result is stored under
     * @param chain  the chain to run
     */
    public record StepSpec(
            @JsonProperty(required = true) @JsonPropertyDescription("Name the step's result is stored under") String output,
            @JsonProperty(required = true) @JsonPropertyDescription("The chain to run: {ref: <Chain or Prompt>}") Ref chain) {}

    /**
     * {@code type: sequential}.
     *
     * @param inputs  names the caller gives
     * @param steps   the steps, in order
     * @param outputs names returned (default: the last step's output)
     */
    public record SequentialSpec(
            @JsonProperty(required = true) @JsonPropertyDescription("Names of the inputs the caller gives") List<String> inputs,
            @JsonProperty(required = true) @JsonPropertyDescription("Steps in order; each sees the inputs and earlier outputs") List<StepSpec> steps,
            @JsonPropertyDescription("Names returned (default: the last step's output)") List<String> outputs) {
        public SequentialSpec {
            inputs = copy(inputs);
            steps = copy(steps);
            outputs = copy(outputs);
        }
    }

    /** Steps over named values. */
    public static final class Sequential extends ChainType<SequentialSpec> {
        public Sequential() { super("sequential", SequentialSpec.class, "Steps in order over named inputs and outputs"); }

        @Override public Runnable<Map<String, Object>, ?> create(SequentialSpec s, ComponentContext ctx) {
            List<SequentialChain.Step> steps = s.steps().stream()
                    .map(st -> new SequentialChain.Step(st.output(), chain(ctx, st.chain()))).toList();
            return SequentialChain.of(s.inputs(), steps, s.outputs() == null ? List.of() : s.outputs());
        }
    }

    // ---- routers --------------------------------------------------------------------------------------

    /**
     * A destination of a router.
     *
     * @param chain       the destination chain
     * @param description what it handles (LLM routing)
     * @param examples    example inputs (embedding routing)
     */
    public record DestinationSpec(
            @JsonProperty(required = true) @JsonPropertyDescription("The destination chain: {ref: <Chain>}") Ref chain,
            @JsonPropertyDescription("What this destination handles (shown to the routing model)") String description,
            @JsonPropertyDescription("Example inputs (embedding routing)") List<String> examples) {
        public DestinationSpec {
            examples = copy(examples);
        }
    }

    private static Map<String, Runnable<Map<String, Object>, ?>> destinations(ComponentContext ctx, Map<String, DestinationSpec> specs) {
        Map<String, Runnable<Map<String, Object>, ?>> out = new LinkedHashMap<>();
        specs.forEach((name, d) -> out.put(name, chain(ctx, d.chain())));
        return out;
    }

    /**
     * {@code type: llm-router}.
     *
     * @param model        the model that chooses
     * @param inputKey     the input routed on (default {@code input})
     * @param destinations destinations by name
     * @param fallback     the default destination
     */
    public record LlmRouterSpec(
            @JsonProperty(required = true) @JsonPropertyDescription("The chat model that chooses the destination") Ref model,
            @JsonPropertyDescription("The input the choice is made on (default 'input')") String inputKey,
            @JsonProperty(required = true) @JsonPropertyDescription("Destinations by name, each with a description") Map<String, DestinationSpec> destinations,
            @JsonProperty(value = "default", required = true) @JsonPropertyDescription("The chain used when no destination fits") Ref fallback) {
        public LlmRouterSpec {
            if (destinations != null) {
                if (destinations.isEmpty()) throw new IllegalArgumentException("destinations must name at least one destination");
                destinations.forEach((k, v) -> {
                    if (v.description() == null || v.description().isBlank()) {
                        throw new IllegalArgumentException("destination '" + k + "' needs a description for the routing model");
                    }
                });
                destinations = Map.copyOf(destinations);
            }
        }
    }

    /** Routes by asking a model. */
    public static final class LlmRouterType extends ChainType<LlmRouterSpec> {
        public LlmRouterType() { super("llm-router", LlmRouterSpec.class, "A model chooses the destination chain from descriptions"); }

        @Override public Runnable<Map<String, Object>, ?> create(LlmRouterSpec s, ComponentContext ctx) {
            Map<String, String> descriptions = new LinkedHashMap<>();
            s.destinations().forEach((k, v) -> descriptions.put(k, v.description()));
            LlmRouter router = LlmRouter.of(ctx.resolve(s.model(), ChatModel.class), descriptions, s.inputKey() == null ? "input" : s.inputKey());
            return RouterChain.of(router, destinations(ctx, s.destinations()), chain(ctx, s.fallback()));
        }
    }

    /**
     * {@code type: embedding-router}.
     *
     * @param embeddingModel the embedding model
     * @param threshold      least cosine similarity for a destination (default 0.5)
     * @param inputKey       the input routed on (default {@code input})
     * @param destinations   destinations by name, each with examples
     * @param fallback       the default destination
     */
    public record EmbeddingRouterSpec(
            @JsonProperty(required = true) @JsonPropertyDescription("The embedding model: {ref: <Model>} or {bean: <host EmbeddingModel>}") Ref embeddingModel,
            @JsonPropertyDescription("Least cosine similarity to pick a destination (default 0.5)") Double threshold,
            @JsonPropertyDescription("The input the choice is made on (default 'input')") String inputKey,
            @JsonProperty(required = true) @JsonPropertyDescription("Destinations by name, each with example inputs") Map<String, DestinationSpec> destinations,
            @JsonProperty(value = "default", required = true) @JsonPropertyDescription("The chain used when no destination is similar enough") Ref fallback) {
        public EmbeddingRouterSpec {
            if (threshold != null && (threshold < -1 || threshold > 1)) throw new IllegalArgumentException("threshold must be between -1 and 1, was " + threshold);
            if (destinations != null) {
                if (destinations.isEmpty()) throw new IllegalArgumentException("destinations must name at least one destination");
                destinations.forEach((k, v) -> {
                    if (v.examples() == null || v.examples().isEmpty()) {
                        throw new IllegalArgumentException("destination '" + k + "' needs at least one example input");
                    }
                });
                destinations = Map.copyOf(destinations);
            }
        }
    }

    /** Routes by similarity to example inputs. */
    public static final class EmbeddingRouterType extends ChainType<EmbeddingRouterSpec> {
        public EmbeddingRouterType() { super("embedding-router", EmbeddingRouterSpec.class, "Routes to the destination with the most similar example input"); }

        @Override public Runnable<Map<String, Object>, ?> create(EmbeddingRouterSpec s, ComponentContext ctx) {
            Map<String, List<String>> examples = new LinkedHashMap<>();
            s.destinations().forEach((k, v) -> examples.put(k, v.examples()));
            EmbeddingRouter router = EmbeddingRouter.of(ctx.resolve(s.embeddingModel(), EmbeddingModel.class), examples,
                    s.threshold() == null ? 0.5 : s.threshold(), s.inputKey() == null ? "input" : s.inputKey());
            return RouterChain.of(router, destinations(ctx, s.destinations()), chain(ctx, s.fallback()));
        }
    }

    // ---- transform ------------------------------------------------------------------------------------

    /**
     * {@code type: transform}.
     *
     * @param function a host bean: {@code java.util.function.Function<Map<String, Object>, Map<String, ?>>}
     * @param inputs   names passed to the function
     * @param outputs  names taken from its result
     */
    public record TransformSpec(
            @JsonProperty(required = true) @JsonPropertyDescription("{bean: <host java.util.function.Function from a map to a map>}; files cannot contain code") Ref function,
            @JsonProperty(required = true) @JsonPropertyDescription("Names passed to the function") List<String> inputs,
            @JsonProperty(required = true) @JsonPropertyDescription("Names taken from the function's result") List<String> outputs) {
        public TransformSpec {
            inputs = copy(inputs);
            outputs = copy(outputs);
        }
    }

    /** A host function over named values. */
    public static final class Transform extends ChainType<TransformSpec> {
        public Transform() { super("transform", TransformSpec.class, "A host Java function from named inputs to named outputs"); }

        @Override
        @SuppressWarnings("unchecked")
        public Runnable<Map<String, Object>, ?> create(TransformSpec s, ComponentContext ctx) {
            Function<Map<String, Object>, Map<String, ?>> fn = ctx.resolve(s.function(), Function.class);
            return TransformChain.of(s.inputs(), s.outputs(), fn);
        }
    }

    // ---- documents ------------------------------------------------------------------------------------

    /**
     * {@code type: stuff}.
     *
     * @param chain     the chain that answers; gets {@code context}, the documents' text
     * @param separator between documents (default a blank line)
     */
    public record StuffSpec(
            @JsonProperty(required = true) @JsonPropertyDescription("The chain that answers; its prompt gets {context}") Ref chain,
            @JsonPropertyDescription("Between documents (default a blank line)") String separator) {}

    /** All documents in one prompt. */
    public static final class Stuff extends ChainType<StuffSpec> {
        public Stuff() { super("stuff", StuffSpec.class, "All documents (input 'documents') in one prompt as {context}"); }

        @Override public Runnable<Map<String, Object>, ?> create(StuffSpec s, ComponentContext ctx) {
            return s.separator() == null ? StuffDocumentsChain.of(chain(ctx, s.chain()))
                    : StuffDocumentsChain.of(chain(ctx, s.chain()), s.separator());
        }
    }

    /**
     * {@code type: map-reduce}.
     *
     * @param map            runs on each document ({@code context})
     * @param reduce         combines the results ({@code context})
     * @param maxConcurrency most map calls at once (default 4)
     * @param maxReduceChars collapse results longer than this first (default no limit)
     */
    public record MapReduceSpec(
            @JsonProperty(required = true) @JsonPropertyDescription("Chain run on each document, as {context}") Ref map,
            @JsonProperty(required = true) @JsonPropertyDescription("Chain combining the mapped results, as {context}") Ref reduce,
            @JsonPropertyDescription("Most map calls at once (default 4)") Integer maxConcurrency,
            @JsonPropertyDescription("Collapse results longer than this many characters before the final reduce (default no limit)") Integer maxReduceChars) {
        public MapReduceSpec {
            atLeast("maxConcurrency", maxConcurrency, 1);
            atLeast("maxReduceChars", maxReduceChars, 1);
        }
    }

    /** Map each document, reduce the results. */
    public static final class MapReduce extends ChainType<MapReduceSpec> {
        public MapReduce() { super("map-reduce", MapReduceSpec.class, "Map a chain over each document, then reduce the results"); }

        @Override public Runnable<Map<String, Object>, ?> create(MapReduceSpec s, ComponentContext ctx) {
            return MapReduceDocumentsChain.of(chain(ctx, s.map()), chain(ctx, s.reduce()),
                    s.maxConcurrency() == null ? 4 : s.maxConcurrency(),
                    s.maxReduceChars() == null ? Integer.MAX_VALUE : s.maxReduceChars());
        }
    }

    /**
     * {@code type: refine}.
     *
     * @param initial answers from the first document ({@code context})
     * @param refine  improves the answer ({@code existing_answer}) with each next document
     */
    public record RefineSpec(
            @JsonProperty(required = true) @JsonPropertyDescription("Chain answering from the first document, as {context}") Ref initial,
            @JsonProperty(required = true) @JsonPropertyDescription("Chain improving {existing_answer} with each next document, as {context}") Ref refine) {}

    /** Refines an answer document by document. */
    public static final class Refine extends ChainType<RefineSpec> {
        public Refine() { super("refine", RefineSpec.class, "Answer from the first document, refine with each next one"); }

        @Override public Runnable<Map<String, Object>, ?> create(RefineSpec s, ComponentContext ctx) {
            return RefineDocumentsChain.of(chain(ctx, s.initial()), chain(ctx, s.refine()));
        }
    }

    // ---- retrieval --------------------------------------------------------------------------------------

    /**
     * {@code type: retrieval-qa}.
     *
     * @param retriever     finds documents for the {@code question}
     * @param combine       a documents chain (stuff, map-reduce, refine) that answers
     * @param returnSources return {@code {answer, sources}} (default false)
     */
    public record RetrievalQaSpec(
            @JsonProperty(required = true) @JsonPropertyDescription("The retriever: {ref: <Retriever>} or {bean: <host retriever>}") Ref retriever,
            @JsonProperty(required = true) @JsonPropertyDescription("A documents chain (stuff, map-reduce, refine) that answers") Ref combine,
            @JsonPropertyDescription("Return {answer, sources} instead of the answer (default false)") Boolean returnSources) {}

    /** Retrieve, then answer from the documents. */
    public static final class RetrievalQa extends ChainType<RetrievalQaSpec> {
        public RetrievalQa() { super("retrieval-qa", RetrievalQaSpec.class, "Retrieve documents for 'question', answer from them"); }

        @Override public Runnable<Map<String, Object>, ?> create(RetrievalQaSpec s, ComponentContext ctx) {
            RetrievalQaChain c = RetrievalQaChain.of(retriever(ctx, s.retriever()), chain(ctx, s.combine()));
            return Boolean.TRUE.equals(s.returnSources()) ? c.withSources() : c;
        }
    }

    /**
     * {@code type: conversational-retrieval}.
     *
     * @param retriever     finds documents for the standalone question
     * @param condense      rewrites a follow-up into a standalone question ({@code chat_history}, {@code question})
     * @param combine       a documents chain that answers
     * @param memory        the conversation memory
     * @param returnSources return {@code {answer, sources}} (default false)
     */
    public record ConversationalRetrievalSpec(
            @JsonProperty(required = true) @JsonPropertyDescription("The retriever: {ref: <Retriever>} or {bean: <host retriever>}") Ref retriever,
            @JsonProperty(required = true) @JsonPropertyDescription("Chain rewriting a follow-up into a standalone question ({chat_history}, {question})") Ref condense,
            @JsonProperty(required = true) @JsonPropertyDescription("A documents chain that answers ({standalone_question}, {context})") Ref combine,
            @JsonProperty(required = true) @JsonPropertyDescription("The conversation memory: {ref: <Memory>} or {bean: <host memory>}") Ref memory,
            @JsonPropertyDescription("Return {answer, sources} instead of the answer (default false)") Boolean returnSources) {}

    /** Retrieval QA inside a conversation. */
    public static final class ConversationalRetrieval extends ChainType<ConversationalRetrievalSpec> {
        public ConversationalRetrieval() {
            super("conversational-retrieval", ConversationalRetrievalSpec.class, "Retrieval QA with conversation memory (input conversationId)");
        }

        @Override public Runnable<Map<String, Object>, ?> create(ConversationalRetrievalSpec s, ComponentContext ctx) {
            ConversationalRetrievalChain c = ConversationalRetrievalChain.of(retriever(ctx, s.retriever()), chain(ctx, s.condense()),
                    chain(ctx, s.combine()), ctx.resolve(s.memory(), ConversationMemory.class));
            return Boolean.TRUE.equals(s.returnSources()) ? c.withSources() : c;
        }
    }

    /**
     * {@code type: conversation}.
     *
     * @param chain    the chain; gets {@code history}
     * @param memory   the conversation memory
     * @param inputKey the input saved as the user's message (default {@code input})
     */
    public record ConversationSpec(
            @JsonProperty(required = true) @JsonPropertyDescription("The chain; its prompt gets the messages as {history}") Ref chain,
            @JsonProperty(required = true) @JsonPropertyDescription("The conversation memory: {ref: <Memory>} or {bean: <host memory>}") Ref memory,
            @JsonPropertyDescription("The input saved as the user's message (default 'input')") String inputKey) {}

    /** A chain with conversation memory. */
    public static final class Conversation extends ChainType<ConversationSpec> {
        public Conversation() { super("conversation", ConversationSpec.class, "A chain with memory: history loaded before, turn saved after (input conversationId)"); }

        @Override public Runnable<Map<String, Object>, ?> create(ConversationSpec s, ComponentContext ctx) {
            return ConversationChain.of(chain(ctx, s.chain()), ctx.resolve(s.memory(), ConversationMemory.class),
                    s.inputKey() == null ? "input" : s.inputKey());
        }
    }
}

package dev.catena.chains.llm;

import dev.catena.core.model.ChatModelRunnable;
import dev.catena.core.parser.StringOutputParser;
import dev.catena.core.runnable.RunContext;
import dev.catena.core.runnable.RunStream;
import dev.catena.core.runnable.Runnable;
import dev.catena.core.runnable.RunnableSequence;
import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.model.chat.ChatModel;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The basic chain: a prompt formats the input map, a model answers, a parser turns the answer into
 * a value (text by default). Streams: the parser emits values while the model's tokens arrive.
 */
public final class LlmChain implements Runnable<Map<String, Object>, Object> {

    private final Runnable<Map<String, Object>, Object> pipeline;

    @SuppressWarnings("unchecked")
    private LlmChain(Runnable<? super Map<String, Object>, ?> prompt, Runnable<Object, AiMessage> model, Runnable<Object, ?> parser) {
        this.pipeline = RunnableSequence.ofSteps(List.of(
                Objects.requireNonNull(prompt, "prompt"), Objects.requireNonNull(model, "model"), Objects.requireNonNull(parser, "parser")));
    }

    /** A chain of {@code prompt}, {@code model} and a text parser. */
    public static LlmChain of(Runnable<? super Map<String, Object>, ?> prompt, ChatModel model) {
        return new LlmChain(prompt, ChatModelRunnable.of(model), StringOutputParser.create());
    }

    /** A chain of {@code prompt}, a model step and {@code parser}. */
    public static LlmChain of(Runnable<? super Map<String, Object>, ?> prompt, Runnable<Object, AiMessage> model, Runnable<Object, ?> parser) {
        return new LlmChain(prompt, model, parser);
    }

    @Override
    public String name() {
        return "LlmChain";
    }

    @Override
    public Object doInvoke(Map<String, Object> input, RunContext run) {
        return pipeline.invoke(input, run.child());
    }

    @Override
    public RunStream<Object> doStream(Map<String, Object> input, RunContext run) {
        return pipeline.stream(input, run.child());
    }
}

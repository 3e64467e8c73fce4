package dev.catena.chains.llm;

import dev.catena.core.model.ChatModelRunnable;
import dev.catena.core.model.ModelInputs;
import dev.catena.core.parser.JsonSchemaOutputParser;
import dev.catena.core.parser.StringOutputParser;
import dev.catena.core.runnable.RunContext;
import dev.catena.core.runnable.RunStream;
import dev.catena.core.runnable.Runnable;
import dev.catena.core.runnable.RunnableSequence;
import dev.catena.core.runnable.Runnables;
import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.request.ChatRequest;

import java.util.ArrayList;
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

    /**
     * A chain whose answer is JSON valid against {@code parser}'s schema: a model that can constrain its decoding is
     * held to the schema; any other model gets the schema as instructions after the prompt, and its answer is validated.
     */
    public static LlmChain of(Runnable<? super Map<String, Object>, ?> prompt, JsonSchemaOutputParser parser, ChatModel model) {
        ChatModel constrained = parser.constrain(model);
        if (constrained != model) return new LlmChain(prompt, ChatModelRunnable.of(constrained), parser);
        Runnable<Object, ChatRequest> instructed = Runnables.lambda("format instructions",
                input -> withInstructions(ModelInputs.toRequest(input), parser.formatInstructions()));
        return new LlmChain(prompt, RunnableSequence.of(instructed, ChatModelRunnable.of(model)), parser);
    }

    /** {@code request} with {@code instructions} after the text of its last user message (or as one more message). */
    static ChatRequest withInstructions(ChatRequest request, String instructions) {
        List<ChatMessage> messages = new ArrayList<>(request.messages());
        int last = messages.size() - 1;
        if (last >= 0 && messages.get(last) instanceof UserMessage user && user.hasSingleText()) {
            messages.set(last, UserMessage.from(user.singleText() + "\n\n" + instructions));
        } else {
            messages.add(UserMessage.from(instructions));
        }
        return request.toBuilder().messages(messages).build();
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

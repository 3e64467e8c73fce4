package dev.catena.testing;

import dev.langchain4j.agent.tool.ToolExecutionRequest;
import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.model.ModelProvider;
import dev.langchain4j.model.chat.Capability;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.StreamingChatModel;
import dev.langchain4j.model.chat.listener.ChatModelListener;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.request.ChatRequestParameters;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.chat.response.StreamingChatResponseHandler;
import dev.langchain4j.model.output.FinishReason;
import dev.langchain4j.model.output.TokenUsage;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * A chat model for tests: it answers each request with the next response of a fixed script, as a
 * blocking {@link ChatModel} and as a {@link StreamingChatModel} (text is streamed token by token),
 * and records every request it received.
 *
 * <pre>{@code
 * ScriptedChatModel model = ScriptedChatModel.builder()
 *         .reply("Paris is the capital of France.")
 *         .replyToolCall("weather", "{\"city\":\"Paris\"}")
 *         .build();
 * }</pre>
 *
 * <p>A request beyond the end of the script fails with {@link ScriptExhaustedException}, which names
 * the request number and its last message. Streaming runs on a virtual thread, as a remote model's
 * callbacks would; a handler that throws from {@code onPartialResponse} stops the stream (counted by
 * {@link #cancelledStreams()}) and receives the error in {@code onError}. Thread-safe.
 */
public final class ScriptedChatModel implements ChatModel, StreamingChatModel {

    /** Splits text into word tokens that keep their leading whitespace: "a b" -> "a", " b". */
    public static final Function<String, List<String>> WORD_TOKENS = ScriptedChatModel::wordTokens;

    /** Splits text into single characters (code points). */
    public static final Function<String, List<String>> CHARACTER_TOKENS =
            text -> text.codePoints().mapToObj(Character::toString).toList();

    private static final Pattern WORD_BOUNDARY = Pattern.compile("(?<=\\S)(?=\\s)");

    private final List<Function<ChatRequest, AiMessage>> script;
    private final Function<String, List<String>> tokenizer;
    private final Duration tokenDelay;
    private final List<ChatRequest> requests = new ArrayList<>();
    private final AtomicInteger cancelledStreams = new AtomicInteger();
    private int next;

    private ScriptedChatModel(Builder b) {
        this.script = List.copyOf(b.script);
        this.tokenizer = b.tokenizer;
        this.tokenDelay = b.tokenDelay;
    }

    /** A model that answers with the given texts, in order. */
    public static ScriptedChatModel of(String... replies) {
        Builder b = builder();
        for (String r : replies) b.reply(r);
        return b.build();
    }

    public static Builder builder() {
        return new Builder();
    }

    // ---- blocking ----------------------------------------------------------------------------------

    @Override
    public ChatResponse doChat(ChatRequest request) {
        AiMessage answer = take(request);
        return response(answer, tokenizer.apply(textOf(answer)).size(), request);
    }

    // ---- streaming ---------------------------------------------------------------------------------

    @Override
    public void doChat(ChatRequest request, StreamingChatResponseHandler handler) {
        AiMessage answer;
        try {
            answer = take(request);
        } catch (RuntimeException e) {
            handler.onError(e);
            return;
        }
        List<String> tokens = tokenizer.apply(textOf(answer));
        Thread.ofVirtual().name("scripted-chat-stream").start(() -> streamTo(handler, answer, tokens, request));
    }

    private void streamTo(StreamingChatResponseHandler handler, AiMessage answer, List<String> tokens, ChatRequest request) {
        for (String token : tokens) {
            try {
                if (!tokenDelay.isZero()) Thread.sleep(tokenDelay);
                handler.onPartialResponse(token);
            } catch (InterruptedException e) {
                cancelledStreams.incrementAndGet();
                handler.onError(e);
                return;
            } catch (RuntimeException e) {
                cancelledStreams.incrementAndGet();
                handler.onError(e);
                return;
            }
        }
        handler.onCompleteResponse(response(answer, tokens.size(), request));
    }

    // ---- the script and what it saw -----------------------------------------------------------------

    /** Every request received so far, in order (blocking and streaming alike). */
    public synchronized List<ChatRequest> requests() {
        return List.copyOf(requests);
    }

    /** The most recent request; fails when there was none. */
    public synchronized ChatRequest lastRequest() {
        if (requests.isEmpty()) throw new IllegalStateException("ScriptedChatModel has received no request yet");
        return requests.getLast();
    }

    /** The messages of the most recent request. */
    public List<ChatMessage> lastMessages() {
        return lastRequest().messages();
    }

    /** How many scripted responses are still unused. */
    public synchronized int remaining() {
        return script.size() - next;
    }

    /** How many streams stopped early because the consumer's handler threw (e.g. the stream was closed). */
    public int cancelledStreams() {
        return cancelledStreams.get();
    }

    private AiMessage take(ChatRequest request) {
        Function<ChatRequest, AiMessage> step;
        int number;
        synchronized (this) {
            requests.add(request);
            number = requests.size();
            if (next >= script.size()) {
                throw new ScriptExhaustedException(script.size(), number, describe(request));
            }
            step = script.get(next++);
        }
        AiMessage answer = step.apply(request);
        if (answer == null) throw new IllegalStateException("Scripted response " + number + " produced null");
        return answer;
    }

    private static String describe(ChatRequest request) {
        if (request.messages().isEmpty()) return "(no messages)";
        String last = request.messages().getLast().toString();
        return last.length() > 200 ? last.substring(0, 200) + "..." : last;
    }

    private static String textOf(AiMessage m) {
        return m.text() == null ? "" : m.text();
    }

    private static ChatResponse response(AiMessage answer, int outputTokens, ChatRequest request) {
        int inputTokens = 0;
        for (ChatMessage m : request.messages()) inputTokens += wordTokens(m.toString()).size();
        return ChatResponse.builder()
                .aiMessage(answer)
                .modelName("scripted")
                .finishReason(answer.hasToolExecutionRequests() ? FinishReason.TOOL_EXECUTION : FinishReason.STOP)
                .tokenUsage(new TokenUsage(inputTokens, outputTokens))
                .build();
    }

    private static List<String> wordTokens(String text) {
        if (text.isEmpty()) return List.of();
        return List.of(WORD_BOUNDARY.split(text));
    }

    // ---- defaults both interfaces declare -------------------------------------------------------------

    @Override
    public ChatRequestParameters defaultRequestParameters() {
        return ChatModel.super.defaultRequestParameters();
    }

    @Override
    public List<ChatModelListener> listeners() {
        return List.of();
    }

    @Override
    public ModelProvider provider() {
        return ModelProvider.OTHER;
    }

    @Override
    public Set<Capability> supportedCapabilities() {
        return Set.of();
    }

    @Override
    public String toString() {
        return "ScriptedChatModel[" + remaining() + " of " + script.size() + " responses left]";
    }

    /** Thrown when the model receives more requests than its script has responses. */
    public static final class ScriptExhaustedException extends IllegalStateException {
        ScriptExhaustedException(int scripted, int requestNumber, String lastMessage) {
            super("ScriptedChatModel ran out of responses: the script has " + scripted
                    + " response(s) but request " + requestNumber + " arrived; its last message was: " + lastMessage);
        }
    }

    /** Builder of a {@link ScriptedChatModel}: add responses in the order they should be returned. */
    public static final class Builder {
        private final List<Function<ChatRequest, AiMessage>> script = new ArrayList<>();
        private Function<String, List<String>> tokenizer = WORD_TOKENS;
        private Duration tokenDelay = Duration.ZERO;
        private int toolCallIds;

        /** Next response: a text answer. */
        public Builder reply(String text) {
            AiMessage m = AiMessage.from(Objects.requireNonNull(text, "text"));
            script.add(r -> m);
            return this;
        }

        /** Next response: a complete AI message (text and/or tool calls). */
        public Builder reply(AiMessage message) {
            Objects.requireNonNull(message, "message");
            script.add(r -> message);
            return this;
        }

        /** Next response: one tool call with JSON arguments, id {@code call_<n>}. */
        public Builder replyToolCall(String toolName, String argumentsJson) {
            ToolExecutionRequest call = ToolExecutionRequest.builder()
                    .id("call_" + (++toolCallIds)).name(toolName).arguments(argumentsJson).build();
            return reply(AiMessage.from(call));
        }

        /** Next response: computed from the request (e.g. to echo part of the prompt). */
        public Builder replyWith(Function<ChatRequest, AiMessage> responder) {
            script.add(Objects.requireNonNull(responder, "responder"));
            return this;
        }

        /** Next response: the request fails with {@code error} (thrown, or passed to onError when streaming). */
        public Builder fail(RuntimeException error) {
            Objects.requireNonNull(error, "error");
            script.add(r -> { throw error; });
            return this;
        }

        /** How streamed text is cut into tokens; default {@link #WORD_TOKENS}. */
        public Builder tokenizer(Function<String, List<String>> tokenizer) {
            this.tokenizer = Objects.requireNonNull(tokenizer, "tokenizer");
            return this;
        }

        /** A pause before each streamed token, to make cancellation and timeouts observable. */
        public Builder tokenDelay(Duration delay) {
            if (delay.isNegative()) throw new IllegalArgumentException("tokenDelay must not be negative, was " + delay);
            this.tokenDelay = delay;
            return this;
        }

        public ScriptedChatModel build() {
            return new ScriptedChatModel(this);
        }
    }
}

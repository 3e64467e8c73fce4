package dev.catena.core.bench;

import dev.catena.core.model.ChatModelRunnable;
import dev.catena.core.parser.StringOutputParser;
import dev.catena.core.prompt.ChatPromptTemplate;
import dev.catena.core.runnable.RunStream;
import dev.catena.core.runnable.Runnable;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.chat.response.StreamingChatResponseHandler;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;

/**
 * The framework's own cost of a 5-step sequence: prompt template, model (an in-memory model that
 * answers at once), string parser and two text transforms. Each {@code *Sequence} benchmark has a
 * {@code *Direct} twin doing the same work by calling the parts directly, without Runnables; the
 * difference is Catena's overhead (run ids, run context, callback dispatch, stream plumbing).
 * The answer has {@link #chunks} chunks (1 or 16): the per-chunk overhead of streaming is the growth
 * of the stream difference from 1 to 16 chunks, divided by 15.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xmx512m"})
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
public class SequenceOverheadBenchmark {

    /** Chunks in the answer. */
    @Param({"1", "16"})
    public int chunks;

    private static final UnaryOperator<String> TRIM = String::strip;
    private static final UnaryOperator<String> UPPER = s -> s.toUpperCase(Locale.ROOT);

    private final Map<String, Object> input = Map.of("topic", "a vector store");
    private InMemoryChatModel model;
    private ChatPromptTemplate prompt;
    private Runnable<Map<String, Object>, String> sequence;

    @Setup
    public void setup() {
        List<String> parts = new ArrayList<>();
        for (int i = 0; i < chunks; i++) parts.add(" word" + i);
        model = new InMemoryChatModel(parts);
        prompt = ChatPromptTemplate.builder().system("You answer in one sentence.").user("What is {topic}?").build();
        sequence = prompt
                .pipe(ChatModelRunnable.of(model, model))
                .pipe(StringOutputParser.create())
                .pipe(new ChunkMap("trim", TRIM))
                .pipe(new ChunkMap("upper", UPPER));
        String viaSequence = sequence.invoke(input);
        String direct = invokeDirect();
        if (!viaSequence.equals(direct)) throw new IllegalStateException("sequence and direct disagree: " + viaSequence + " / " + direct);
    }

    /** The 5-step sequence, invoked. */
    @Benchmark
    public String invokeSequence() {
        return sequence.invoke(input);
    }

    /** The same work without the framework: format, chat, take the text, two transforms. */
    @Benchmark
    public String invokeDirect() {
        ChatRequest request = ChatRequest.builder().messages(prompt.formatMessages(input)).build();
        String text = model.chat(request).aiMessage().text();
        return UPPER.apply(TRIM.apply(text));
    }

    /** The 5-step sequence, streamed: every chunk passes through parser and both transforms. */
    @Benchmark
    public void streamSequence(Blackhole bh) {
        try (RunStream<String> stream = sequence.stream(input)) {
            while (stream.hasNext()) bh.consume(stream.next());
        }
    }

    /** The same streaming work without the framework: the handler applies both transforms per chunk. */
    @Benchmark
    public void streamDirect(Blackhole bh) {
        ChatRequest request = ChatRequest.builder().messages(prompt.formatMessages(input)).build();
        model.chat(request, new StreamingChatResponseHandler() {
            @Override
            public void onPartialResponse(String partial) {
                bh.consume(UPPER.apply(TRIM.apply(partial)));
            }

            @Override
            public void onCompleteResponse(ChatResponse response) {
                bh.consume(response);
            }

            @Override
            public void onError(Throwable error) {
                throw new IllegalStateException(error);
            }
        });
    }
}

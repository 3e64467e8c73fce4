package dev.catena.samples.translator;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.catena.chains.yaml.ComponentRegistry;
import dev.catena.core.component.ComponentContext;
import dev.catena.core.component.ComponentType;
import dev.langchain4j.model.chat.ChatModel;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

/**
 * {@code translate-book}: translates a Markdown or text book with a local GGUF model, shows a
 * progress bar, resumes an interrupted run from its state file, and reports back-translation
 * chrF, glossary misses and (with {@code --reference}) chrF against a reference translation.
 */
@Command(name = "translate-book", mixinStandardHelpOptions = true,
        description = "Translate a book chunk by chunk with rolling context, a glossary and back-translation checks.")
public final class TranslatorCli implements Callable<Integer> {

    @Option(names = "--input", required = true, description = "The book (Markdown or text).")
    Path input;

    @Option(names = "--output", required = true, description = "Where to write the translation.")
    Path output;

    @Option(names = "--glossary", required = true, description = "Glossary JSON: {source, target, terms}.")
    Path glossary;

    @Option(names = "--state", description = "Progress file for resuming (default: OUTPUT.state.jsonl).")
    Path state;

    @Option(names = "--reference", description = "A reference translation to score the result against (chrF).")
    Path reference;

    @Option(names = "--model", description = "A local GGUF model (default: gemma-3-270m-q4_k_m.gguf in $CATENA_MODEL_DIR or ~/.cache/catena/models).")
    Path model;

    @Option(names = "--max-chunk-chars", defaultValue = "600", description = "Largest chunk, in characters (default ${DEFAULT-VALUE}).")
    int maxChunkChars;

    @Option(names = "--max-tokens", defaultValue = "256", description = "Most tokens the model generates per call (default ${DEFAULT-VALUE}).")
    int maxTokens;

    @Option(names = "--threads", description = "Compute threads of the local model (default: all processors).")
    Integer threads;

    @Option(names = "--temperature", defaultValue = "0", description = "Sampling temperature; 0 is greedy and reproducible (default ${DEFAULT-VALUE}).")
    double temperature;

    @Option(names = "--chat-template", description = "A built-in chat format instead of the model file's: gemma, llama3, chatml, "
            + "or transcript (for base models such as the default Gemma 3 270M).")
    String chatTemplate;

    public static void main(String[] args) {
        System.exit(new CommandLine(new TranslatorCli()).execute(args));
    }

    @Override
    public Integer call() throws Exception {
        String book = Files.readString(input);
        Glossary g = Glossary.read(glossary);
        BookTranslator translator = new BookTranslator(localModel(), g, maxChunkChars);
        Path statePath = state != null ? state : Path.of(output + ".state.jsonl");
        TranslationState progress = TranslationState.open(statePath);
        int total = translator.chunks(book).size();
        if (progress.size() > 0) System.err.printf("Resuming: %d of %d chunks already translated (%s)%n", progress.size(), total, statePath);
        List<ChunkResult> results = translator.translate(book, progress, r -> bar(r.index() + 1, total, r.backTranslationChrF()));
        System.err.println();
        Files.writeString(output, BookTranslator.assemble(book, results));
        double avg = results.stream().mapToDouble(ChunkResult::backTranslationChrF).average().orElse(0);
        long misses = results.stream().mapToLong(r -> r.glossaryMisses().size()).sum();
        System.out.printf("Translated %d chunks to %s%n", results.size(), output);
        System.out.printf("Back-translation chrF (mean): %.1f%n", avg);
        System.out.printf("Glossary terms still missing after retry: %d%n", misses);
        if (reference != null) {
            System.out.printf("chrF against the reference %s: %.1f%n", reference, ChrF.score(Files.readString(output), Files.readString(reference)));
        }
        return 0;
    }

    private static void bar(int done, int total, double chrf) {
        int width = 30;
        int filled = total == 0 ? width : done * width / total;
        System.err.printf("\r[%s%s] %d/%d chunks  last back-translation chrF %.1f", "#".repeat(filled), ".".repeat(width - filled), done, total, chrf);
    }

    /** The local GGUF model, created through the registered {@code local-gguf} model type. */
    private ChatModel localModel() {
        Path file = model != null ? model : dev.catena.llm.pull.ModelPuller.defaultModelDir().resolve("gemma-3-270m-q4_k_m.gguf");
        if (!Files.isRegularFile(file)) {
            throw new CommandLine.ParameterException(new CommandLine(this), "Model file " + file + " not found; pull one with `catena model pull`");
        }
        ComponentType<?, ?> type = ComponentRegistry.fromServiceLoader().find("Model", "local-gguf");
        Map<String, Object> fields = new java.util.LinkedHashMap<>();
        fields.put("path", file.toAbsolutePath().toString());
        fields.put("maxTokens", maxTokens);
        fields.put("temperature", temperature);
        if (threads != null) fields.put("threads", threads);
        if (chatTemplate != null) fields.put("chatTemplate", chatTemplate);
        return (ChatModel) create(type, fields);
    }

    @SuppressWarnings("unchecked")
    private static <S> Object create(ComponentType<S, ?> type, Map<String, Object> fields) {
        S spec = new ObjectMapper().convertValue(fields, type.specClass());
        return type.create(spec, new ComponentContext() {
            @Override public <T> T resolve(String ref, Class<T> t) { throw new IllegalArgumentException("no references here: " + ref); }
            @Override public String env(String name) { throw new IllegalArgumentException("no environment here: " + name); }
            @Override public Path path(String p) { return Path.of(p); }
        });
    }
}

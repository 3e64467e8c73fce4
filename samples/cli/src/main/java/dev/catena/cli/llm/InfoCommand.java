package dev.catena.cli.llm;

import dev.catena.llm.gguf.GgufFile;
import dev.catena.llm.gguf.GgufMetadata;
import dev.catena.llm.gguf.GgufTensorInfo;
import dev.catena.llm.model.ModelConfig;
import dev.catena.llm.tensor.GgmlType;
import dev.catena.llm.tokenizer.Tokenizer;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;

/** {@code catena model info FILE}: architecture, sizes, tensor types, tokenizer and chat template of a GGUF file. */
@Command(name = "info", mixinStandardHelpOptions = true, description = "Describe a GGUF model file.")
public final class InfoCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "FILE", description = "The .gguf file.")
    Path file;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        try (GgufFile gguf = GgufFile.open(file)) {
            GgufMetadata md = gguf.metadata();
            ModelConfig c = ModelConfig.fromGguf(md, file.toString());
            out.printf("file:          %s (%.1f MiB)%n", file, Files.size(file) / (1024.0 * 1024.0));
            out.printf("name:          %s%n", md.findString("general.name").orElse("-"));
            out.printf("architecture:  %s%n", c.architecture().ggufName());
            out.printf("layers:        %d%n", c.layers());
            out.printf("embedding:     %d%n", c.dim());
            out.printf("heads:         %d (kv %d, head width %d)%n", c.heads(), c.kvHeads(), c.headDim());
            out.printf("feed-forward:  %d%n", c.ffnDim());
            out.printf("context:       %d%n", c.contextLength());
            out.printf("rope:          %s, base %.0f, scale %.3f%s%n", c.architecture().ropeStyle(), c.ropeBase(),
                    c.ropeFreqScale(), c.slidingWindow() > 0
                            ? String.format(", sliding window %d (local base %.0f)", c.slidingWindow(), c.ropeBaseLocal()) : "");
            Map<GgmlType, Integer> counts = new TreeMap<>();
            long params = 0;
            for (GgufTensorInfo t : gguf.tensorInfos()) {
                counts.merge(t.type(), 1, Integer::sum);
                params += t.elementCount();
            }
            out.printf("parameters:    %.2f M in %d tensors%n", params / 1e6, gguf.tensorInfos().size());
            StringBuilder types = new StringBuilder();
            counts.forEach((t, n) -> types.append(types.isEmpty() ? "" : ", ").append(t).append(" x").append(n));
            out.printf("tensor types:  %s%n", types);
            Tokenizer tok = Tokenizer.fromGguf(md);
            out.printf("tokenizer:     %s (pre %s), %d tokens, bos %d, eos %d%n",
                    md.findString("tokenizer.ggml.model").orElse("-"), md.findString("tokenizer.ggml.pre").orElse("-"),
                    tok.vocabularySize(), tok.bosToken(), tok.eosToken());
            String template = md.findString("tokenizer.chat_template").orElse(null);
            out.printf("chat template: %s%n", template == null ? "none (built-in fallback)"
                    : template.length() + " characters, " + (template.contains("tools") ? "supports tools" : "no tools"));
        }
        out.flush();
        return 0;
    }
}

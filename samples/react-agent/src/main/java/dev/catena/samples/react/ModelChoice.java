package dev.catena.samples.react;

import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The model options of the sample's commands (a picocli mixin): {@code --model-file}, a Catena file declaring the
 * Model component named {@code model}, or else the local GGUF file of {@code --gguf} (default: Gemma 3 270M in the
 * model directory), run greedily.
 */
public final class ModelChoice {

    /** The model file name that {@code .ci/setup.d/10-gemma.sh} installs. */
    public static final String GEMMA_FILE = "gemma-3-270m-q4_k_m.gguf";

    @Spec(Spec.Target.MIXEE)
    CommandSpec spec;

    @Option(names = "--model-file", paramLabel = "YAML",
            description = "A Catena file declaring the Model component named 'model' (default: the local Gemma 3 270M GGUF file).")
    Path modelFile;

    @Option(names = "--gguf", paramLabel = "FILE",
            description = "The GGUF file of the default local model (default: $CATENA_MODEL_DIR or ~/.cache/catena/models, then " + GEMMA_FILE + ").")
    Path gguf;

    /** The text of {@code model.yaml}: the file of {@code --model-file}, or the default local model. */
    String modelYaml() throws IOException {
        if (modelFile == null) return localModel(defaultGguf());
        if (!Files.isRegularFile(modelFile)) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--model-file " + modelFile + " does not exist");
        }
        return Files.readString(modelFile);
    }

    /** The default local model's file: --gguf, else $CATENA_MODEL_DIR or ~/.cache/catena/models, then the Gemma file. */
    Path defaultGguf() {
        if (gguf != null) return gguf.toAbsolutePath();
        return dev.catena.llm.pull.ModelPuller.defaultModelDir().resolve(GEMMA_FILE).toAbsolutePath();
    }

    /** The model.yaml of a local model: greedy decoding, short answers. */
    static String localModel(Path gguf) {
        return """
                apiVersion: catena/v1
                kind: Model
                name: model
                type: local-gguf
                path: %s
                temperature: 0
                maxTokens: 256
                """.formatted(AgentFiles.quoted(gguf.toString()));
    }
}

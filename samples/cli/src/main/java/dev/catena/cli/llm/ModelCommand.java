package dev.catena.cli.llm;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code catena model pull|info|random}: getting, inspecting and making model files. */
@Command(name = "model", mixinStandardHelpOptions = true, description = "Get and inspect GGUF model files.",
        subcommands = {PullCommand.class, InfoCommand.class, RandomModelCommand.class})
public final class ModelCommand implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}

package dev.catena.cli.llm;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The {@code catena} command line of the local runtime: {@code model pull|info}, {@code generate},
 * {@code chat}, {@code bench}.
 */
@Command(name = "catena", mixinStandardHelpOptions = true, version = "catena 0.1.0",
        description = "Run GGUF language models locally on the CPU.",
        subcommands = {ModelCommand.class, GenerateCommand.class, ChatCommand.class, BenchCommand.class})
public final class CatenaLlmCli implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /** A command line ready to execute, with output to the given writers. */
    public static CommandLine commandLine() {
        return new CommandLine(new CatenaLlmCli());
    }

    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }
}

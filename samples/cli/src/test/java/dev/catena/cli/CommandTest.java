package dev.catena.cli;

import picocli.CommandLine;

import java.util.function.Supplier;

/** Base of the command tests: {@link #run} runs a command line in process and {@link #console} holds what it printed. */
public abstract class CommandTest {

    private final Supplier<CommandLine> commands;

    /** The output and errors of the last run, readable while it runs. */
    protected CommandRun console = new CommandRun();

    /** Tests of the {@code catena} command. */
    protected CommandTest() {
        this(Catena::commandLine);
    }

    /** Tests of the command lines {@code commands} makes, a new one for every run. */
    protected CommandTest(Supplier<CommandLine> commands) {
        this.commands = commands;
    }

    /** Runs the command line on {@code args}; its exit code. */
    protected int run(String... args) {
        return run(commands.get(), args);
    }

    /** Runs {@code cli} on {@code args}; its exit code. */
    protected int run(CommandLine cli, String... args) {
        console = new CommandRun();
        return console.execute(cli, args).code();
    }
}

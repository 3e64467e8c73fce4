package dev.catena.cli;

import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;

/**
 * A command line run in process with what it prints captured: the one way the CLI's tests run commands.
 * {@link #out()} can be read while the command still runs (from a scripted model, say).
 */
public final class CommandRun {

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();
    private int code = -1;

    /** Runs {@code catena args}. */
    public static CommandRun catena(String... args) {
        return new CommandRun().execute(Catena.commandLine(), args);
    }

    /** Runs {@code cli} on {@code args}, its output and errors going to this run's buffers; returns this run. */
    public CommandRun execute(CommandLine cli, String... args) {
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        code = cli.execute(args);
        return this;
    }

    /** The exit code; -1 before the command has run. */
    public int code() {
        return code;
    }

    /** What the command printed on standard output so far. */
    public String out() {
        return out.toString();
    }

    /** What the command printed on standard error so far. */
    public String err() {
        return err.toString();
    }
}

package dev.catena.cli;

import dev.catena.chains.yaml.CatenaFileException;
import dev.catena.llm.UnsupportedModelException;
import dev.catena.llm.gguf.GgufFormatException;
import picocli.CommandLine;
import picocli.CommandLine.ParseResult;

import java.io.FileNotFoundException;
import java.io.PrintWriter;
import java.nio.file.AccessDeniedException;
import java.nio.file.NoSuchFileException;
import java.util.HashSet;
import java.util.Set;

/**
 * How every {@code catena} command reports a failure: one line {@code catena: <message>} on standard
 * error, never a stack trace; with {@code --verbose} one more line per cause. Exit code 2 when the input
 * was wrong (command line, missing or malformed file, unsupported model), 1 when the run itself failed.
 */
final class ErrorLines implements CommandLine.IExecutionExceptionHandler, CommandLine.IParameterExceptionHandler {

    /** The exceptions that mean "bad input" wherever they occur in a cause chain. */
    private static final Set<Class<? extends Throwable>> BAD_INPUT = Set.of(IllegalArgumentException.class,
            GgufFormatException.class, UnsupportedModelException.class, CatenaFileException.class,
            NoSuchFileException.class, FileNotFoundException.class, AccessDeniedException.class);

    @Override
    public int handleParseException(CommandLine.ParameterException e, String[] args) {
        CommandLine cmd = e.getCommandLine();
        String help = cmd.getCommandSpec().qualifiedName() + " --help";
        print(cmd, e.getMessage() + " (see '" + help + "')", null, false);
        return CommandLine.ExitCode.USAGE;
    }

    @Override
    public int handleExecutionException(Exception e, CommandLine cmd, ParseResult parsed) {
        print(cmd, message(e), e.getCause(), verbose(parsed));
        return badInput(e) ? CommandLine.ExitCode.USAGE : CommandLine.ExitCode.SOFTWARE;
    }

    private static void print(CommandLine cmd, String message, Throwable cause, boolean verbose) {
        PrintWriter err = cmd.getErr();
        err.println(cmd.getCommandSpec().root().name() + ": " + message);
        Set<Throwable> seen = new HashSet<>();
        for (Throwable c = cause; verbose && c != null && seen.add(c); c = c.getCause()) {
            err.println("  caused by " + c.getClass().getName() + ": " + message(c));
        }
        err.flush();
    }

    /** The exception's own message, or its class name where it has none. */
    static String message(Throwable e) {
        String m = e.getMessage();
        if (e instanceof NoSuchFileException n) return "no such file: " + n.getFile();
        return m == null || m.isBlank() ? e.getClass().getSimpleName() : m;
    }

    private static boolean badInput(Throwable e) {
        Set<Throwable> seen = new HashSet<>();
        for (Throwable c = e; c != null && seen.add(c); c = c.getCause()) {
            for (Class<? extends Throwable> type : BAD_INPUT) {
                if (type.isInstance(c)) return true;
            }
        }
        return false;
    }

    /** Whether {@code --verbose} was given to the command or any of its parents. */
    private static boolean verbose(ParseResult parsed) {
        for (ParseResult p = parsed; p != null; p = p.subcommand()) {
            if (p.hasMatchedOption("--verbose")) return true;
        }
        return false;
    }
}

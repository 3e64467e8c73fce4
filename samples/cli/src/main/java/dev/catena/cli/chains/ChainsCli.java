package dev.catena.cli.chains;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

import java.util.concurrent.Callable;

/**
 * The chains command line: {@code run}, {@code validate} and {@code schema}. Each subcommand is a
 * public class of its own so that an umbrella {@code catena} command can mount it.
 */
@Command(name = "catena-chains", mixinStandardHelpOptions = true,
        description = "Runs, validates and describes Catena chain files.",
        subcommands = {RunCommand.class, ValidateCommand.class, SchemaCommand.class, CommandLine.HelpCommand.class})
public final class ChainsCli implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }

    /** The command line with every subcommand, ready to {@code execute}. */
    public static CommandLine commandLine() {
        return new CommandLine(new ChainsCli());
    }

    @Override
    public Integer call() {
        spec.commandLine().usage(spec.commandLine().getErr());
        return CliSupport.BAD_INPUT;
    }
}

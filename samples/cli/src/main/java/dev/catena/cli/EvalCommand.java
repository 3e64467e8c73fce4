package dev.catena.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code catena eval}: scores Catena components on labelled data; each kind of component is a subcommand. */
@Command(name = "eval", mixinStandardHelpOptions = true, description = "Evaluate components on a labelled dataset.",
        subcommands = {EvalRetrievalCommand.class})
public final class EvalCommand implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}

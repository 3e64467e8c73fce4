package dev.catena.cli.eval;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * {@code catena eval}: evaluations of what Catena files declare over JSONL datasets ({@code dev.catena.core.eval}).
 * Each kind of evaluation is a subcommand in a file of its own, listed here.
 */
@Command(name = "eval", mixinStandardHelpOptions = true,
        description = "Evaluates agents and chains over JSONL datasets: prints a table and writes JSON results.",
        subcommands = {AgentEvalCommand.class, RetrievalEvalCommand.class})
public final class EvalCommand implements Runnable {

    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}

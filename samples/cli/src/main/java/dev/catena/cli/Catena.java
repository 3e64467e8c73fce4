package dev.catena.cli;

import dev.catena.cli.agents.AgentCommand;
import dev.catena.cli.mcp.McpCommand;
import dev.catena.cli.chains.RunCommand;
import dev.catena.cli.chains.SchemaCommand;
import dev.catena.cli.chains.ValidateCommand;
import dev.catena.cli.eval.EvalCommand;
import dev.catena.cli.llm.BenchCommand;
import dev.catena.cli.llm.ChatCommand;
import dev.catena.cli.llm.GenerateCommand;
import dev.catena.cli.llm.ModelCommand;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The {@code catena} command: one entry point for what the modules offer on the command line. The
 * subcommands live here, one package per library they drive ({@code cli.chains}: run, validate, schema;
 * {@code cli.agents}: agent; {@code cli.llm}: model, generate, chat, bench; {@code cli.mcp}: mcp; {@code cli.eval}: eval), so that
 * no library depends on picocli; this class mounts them and
 * gives them one way to report errors ({@link ErrorLines}) and the {@code --verbose} option. Exit codes: 0
 * success, 1 the run failed or a bound stopped it, 2 bad input or usage.
 */
@Command(name = "catena", mixinStandardHelpOptions = true, version = "catena 0.1.0",
        description = "Catena: chains, agents and local GGUF models from the command line.",
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:success", "1:the run failed, or a bound (iterations, time) stopped it",
                "2:bad input: command line, missing or invalid file, unsupported model"},
        subcommands = {RunCommand.class, ValidateCommand.class, SchemaCommand.class, AgentCommand.class, ModelCommand.class, GenerateCommand.class, ChatCommand.class,
                BenchCommand.class, McpCommand.class, EvalCommand.class})
public final class Catena implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @CommandLine.Option(names = "--verbose", scope = CommandLine.ScopeType.INHERIT,
            description = "On an error, print its chain of causes too.")
    boolean verbose;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /** The command line, ready to execute. */
    public static CommandLine commandLine() {
        ErrorLines errors = new ErrorLines();
        return new CommandLine(new Catena()).setExecutionExceptionHandler(errors).setParameterExceptionHandler(errors);
    }

    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }
}

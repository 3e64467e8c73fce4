package dev.catena.cli;

import dev.catena.agents.cli.AgentCommand;
import dev.catena.agents.mcp.cli.McpCommand;
import dev.catena.chains.cli.RunCommand;
import dev.catena.chains.cli.SchemaCommand;
import dev.catena.chains.cli.ValidateCommand;
import dev.catena.llm.cli.BenchCommand;
import dev.catena.llm.cli.ChatCommand;
import dev.catena.llm.cli.GenerateCommand;
import dev.catena.llm.cli.ModelCommand;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The {@code catena} command: one entry point for what the modules offer on the command line. Each
 * subcommand lives in its module ({@code chains}: run, validate, schema; {@code agents}: agent;
 * {@code local-llm-backend}: model, generate, chat, bench; {@code agents/mcp}: mcp); this class only mounts them.
 */
@Command(name = "catena", mixinStandardHelpOptions = true, version = "catena 0.1.0",
        description = "Catena: chains, agents and local GGUF models from the command line.",
        subcommands = {RunCommand.class, ValidateCommand.class, SchemaCommand.class, AgentCommand.class, ModelCommand.class, GenerateCommand.class, ChatCommand.class,
                BenchCommand.class, McpCommand.class})
public final class Catena implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /** The command line, ready to execute. */
    public static CommandLine commandLine() {
        return new CommandLine(new Catena());
    }

    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }
}

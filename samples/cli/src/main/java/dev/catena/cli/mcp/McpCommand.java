package dev.catena.cli.mcp;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code mcp}: Model Context Protocol commands ({@code mcp serve FILE.yaml}). Mounted in the {@code catena} command line. */
@Command(name = "mcp", mixinStandardHelpOptions = true,
        description = "Model Context Protocol: serve a Catena file's agents, chains and tools to MCP clients.",
        subcommands = McpServeCommand.class)
public final class McpCommand implements Runnable {

    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    public static void main(String[] args) {
        System.exit(new CommandLine(new McpCommand()).execute(args));
    }
}

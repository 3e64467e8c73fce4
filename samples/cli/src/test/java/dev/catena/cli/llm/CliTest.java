package dev.catena.cli.llm;

import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;

/** Base of the command-line tests: runs {@link CatenaLlmCli} with its output and errors captured. */
abstract class CliTest {

    final StringWriter out = new StringWriter();
    final StringWriter err = new StringWriter();

    /** Runs the command line on {@code args}; its exit code. */
    int run(String... args) {
        CommandLine cli = CatenaLlmCli.commandLine();
        cli.setOut(new PrintWriter(out));
        cli.setErr(new PrintWriter(err));
        return cli.execute(args);
    }
}

package dev.catena.cli.chains;

import dev.catena.chains.yaml.ComponentRegistry;
import dev.catena.chains.yaml.SchemaGenerator;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;

/**
 * {@code schema OUT}: writes the JSON Schema of Catena files for every component type on the
 * class path ({@code -} writes it to standard output).
 */
@Command(name = "schema", mixinStandardHelpOptions = true,
        description = "Writes the JSON Schema of Catena files for the component types on the class path.",
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:written", "1:the file could not be written", "2:invalid command line"})
public final class SchemaCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "OUT", description = "Where to write the schema ('-' for standard output).")
    String out;

    @Override
    public Integer call() {
        PrintWriter stdout = spec.commandLine().getOut();
        ComponentRegistry registry = ComponentRegistry.fromServiceLoader();
        String schema = SchemaGenerator.generate(registry);
        if (out.equals("-")) {
            stdout.print(schema);
            stdout.flush();
            return CliSupport.OK;
        }
        Path file = Path.of(out);
        try {
            if (file.toAbsolutePath().getParent() != null) Files.createDirectories(file.toAbsolutePath().getParent());
            Files.writeString(file, schema, StandardCharsets.UTF_8);
        } catch (IOException e) {
            CliSupport.printError(spec, "cannot write " + file + ": " + CliSupport.message(e));
            return CliSupport.FAILED;
        }
        int types = registry.kinds().stream().mapToInt(k -> registry.types(k).size()).sum();
        stdout.println("wrote " + file + " (kinds: " + String.join(", ", registry.kinds()) + "; " + types + " types)");
        return CliSupport.OK;
    }
}

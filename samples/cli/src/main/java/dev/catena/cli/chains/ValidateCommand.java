package dev.catena.cli.chains;

import dev.catena.chains.yaml.CatenaFileException;
import dev.catena.chains.yaml.CatenaLoader;
import dev.catena.chains.yaml.Definition;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

/**
 * {@code validate FILE...}: reads each file (with its includes) and prints every error, each as
 * {@code file:line:column key.path: message}. Nothing in the files is created or run.
 */
@Command(name = "validate", mixinStandardHelpOptions = true,
        description = "Checks Catena files and prints every error with file:line:column.",
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:every file is valid", "2:at least one file is invalid, or invalid command line"})
public final class ValidateCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Parameters(arity = "1..*", paramLabel = "FILE", description = "The YAML files to check.")
    List<Path> files = new ArrayList<>();

    @Option(names = "--allow-env", paramLabel = "NAME",
            description = "An environment variable the files may read with $${env:NAME}; repeatable.")
    List<String> allowEnv = new ArrayList<>();

    @Option(names = "--bean", paramLabel = "NAME",
            description = "A host bean the application will register, so {bean: NAME} references are accepted; repeatable.")
    List<String> beans = new ArrayList<>();

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        CatenaLoader.Builder builder = CatenaLoader.builder().allowEnv(allowEnv.toArray(String[]::new));
        for (String b : beans) builder.bean(b, new Object());
        CatenaLoader loader = builder.build();
        int invalid = 0;
        for (Path file : files) {
            try {
                Definition d = loader.read(file);
                out.println(file + ": ok (" + d.components().size() + " components: " + String.join(", ", d.components().keySet()) + ")");
            } catch (CatenaFileException e) {
                invalid++;
                CliSupport.printErrors(spec, file, e);
            }
        }
        out.flush();
        if (invalid > 0) CliSupport.printError(spec, invalid + " of " + files.size() + (files.size() == 1 ? " file is" : " files are") + " invalid");
        return invalid == 0 ? CliSupport.OK : CliSupport.BAD_INPUT;
    }
}

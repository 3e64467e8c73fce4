package dev.catena.cli.chains;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.catena.chains.yaml.CatenaFileException;
import dev.catena.chains.yaml.CatenaLoader;
import dev.catena.chains.yaml.ComponentDefinition;
import dev.catena.chains.yaml.Components;
import dev.catena.chains.yaml.Definition;
import dev.catena.core.runnable.RunConfig;
import dev.catena.core.runnable.RunStream;
import dev.catena.core.runnable.Runnable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;

/**
 * {@code run FILE.yaml --input key=value ... [--stream]}: loads a chain ({@code kind: Chain}, or
 * one chain of a Bundle) and runs it on the given inputs, printing the result (text as it is,
 * maps and lists as JSON). With {@code --stream} text is printed token by token as it arrives.
 */
@Command(name = "run", mixinStandardHelpOptions = true,
        description = "Runs a chain declared in a Catena YAML file.",
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:the chain ran", "1:the chain failed (model or runtime error)",
                "2:invalid command line or file, or the chain could not be created"})
public final class RunCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "FILE", description = "The YAML file declaring the chain.")
    Path file;

    @Option(names = {"-i", "--input"}, paramLabel = "KEY=VALUE", description = "An input of the chain; repeatable.")
    Map<String, String> inputs = new LinkedHashMap<>();

    @Option(names = "--stream", description = "Print the output as it is generated.")
    boolean stream;

    @Option(names = "--chain", paramLabel = "NAME", description = "Which chain of the file to run (default: the only chain no other chain uses).")
    String chainName;

    @Option(names = "--allow-env", paramLabel = "NAME",
            description = "An environment variable the file may read with $${env:NAME}; repeatable.")
    List<String> allowEnv = new ArrayList<>();

    private final Map<String, Object> beans = new LinkedHashMap<>();

    /** A command without host beans. */
    public RunCommand() {}

    /** Registers a host object that the file may reference as {@code {bean: name}} (a retriever, a memory, a function). */
    public RunCommand bean(String name, Object bean) {
        beans.put(name, bean);
        return this;
    }

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        if (!Files.isRegularFile(file)) {
            CliSupport.printError(spec, "file not found: " + file);
            return CliSupport.BAD_INPUT;
        }
        Runnable<Map<String, Object>, Object> chain;
        String name;
        try {
            CatenaLoader.Builder builder = CatenaLoader.builder().allowEnv(allowEnv.toArray(String[]::new));
            beans.forEach(builder::bean);
            CatenaLoader loader = builder.build();
            Definition definition = loader.read(file);
            name = choose(definition);
            chain = chain(loader.components(definition), name);
        } catch (CatenaFileException e) {
            CliSupport.printErrors(spec, file, e);
            return CliSupport.BAD_INPUT;
        } catch (IllegalArgumentException e) {
            CliSupport.printError(spec, CliSupport.message(e));
            return CliSupport.BAD_INPUT;
        }
        Map<String, Object> input = new LinkedHashMap<>(inputs);
        RunConfig config = RunConfig.builder().runName("run " + name).build();
        try {
            if (stream) {
                stream(chain, input, config, out);
            } else {
                out.println(CliSupport.show(chain.invoke(input, config)));
            }
        } catch (RuntimeException e) {
            out.flush();
            CliSupport.printError(spec, "chain '" + name + "' failed: " + CliSupport.message(e));
            return CliSupport.FAILED;
        }
        out.flush();
        return CliSupport.OK;
    }

    private static void stream(Runnable<Map<String, Object>, Object> chain, Map<String, Object> input, RunConfig config, PrintWriter out) {
        Object last = null;
        boolean text = false;
        try (RunStream<Object> chunks = chain.stream(input, config)) {
            while (chunks.hasNext()) {
                Object chunk = chunks.next();
                if (chunk instanceof CharSequence s) {
                    out.print(s);
                    out.flush();
                    text = true;
                } else {
                    last = chunk;
                }
            }
        }
        if (last != null) {
            if (text) out.println();
            out.println(CliSupport.show(last));
        } else {
            out.println();
        }
    }

    @SuppressWarnings("unchecked")
    private static Runnable<Map<String, Object>, Object> chain(Components components, String name) {
        return components.get(name, Runnable.class);
    }

    /** --chain, the file's own Chain, or the only chain of the file that no other chain references. */
    private String choose(Definition definition) {
        List<String> chains = definition.names("Chain");
        if (chainName != null) {
            if (!chains.contains(chainName)) {
                throw new IllegalArgumentException("no chain named '" + chainName + "' in " + file + " (chains: " + names(chains) + ")");
            }
            return chainName;
        }
        List<ComponentDefinition> own = definition.document().components().stream().filter(c -> c.kind().equals("Chain")).toList();
        if (definition.document().kind().equals("Chain")) return own.getFirst().name();
        Set<String> used = new HashSet<>();
        ObjectMapper mapper = new ObjectMapper();
        for (ComponentDefinition c : definition.components().values()) collectRefs(mapper.valueToTree(c.spec()), used);
        List<String> top = own.stream().map(ComponentDefinition::name).filter(n -> !used.contains(n)).toList();
        if (top.size() == 1) return top.getFirst();
        if (top.isEmpty()) throw new IllegalArgumentException(file + " declares no chain to run (kind: Chain)");
        throw new IllegalArgumentException(file + " declares several chains (" + names(top) + "); choose one with --chain NAME");
    }

    private static void collectRefs(JsonNode node, Set<String> out) {
        if (node.isObject() && node.size() == 1 && node.path("ref").isTextual()) out.add(node.get("ref").textValue());
        node.forEach(child -> collectRefs(child, out));
    }

    private static String names(List<String> names) {
        return names.isEmpty() ? "none" : String.join(", ", names);
    }

    public static void main(String[] args) {
        System.exit(new CommandLine(new RunCommand()).execute(args));
    }
}

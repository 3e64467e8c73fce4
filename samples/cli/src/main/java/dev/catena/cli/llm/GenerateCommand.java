package dev.catena.cli.llm;

import dev.catena.llm.compute.kernel.KernelCompute;
import dev.catena.llm.model.GenerationOptions;
import dev.catena.llm.model.GenerationResult;
import dev.catena.llm.model.Model;
import dev.catena.llm.model.Session;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.io.PrintWriter;
import java.util.concurrent.Callable;

/** {@code catena generate}: completes a raw prompt, printing tokens as they come and the speed at the end. */
@Command(name = "generate", mixinStandardHelpOptions = true, description = "Complete a prompt with a local model.")
public final class GenerateCommand implements Callable<Integer> {

    @Mixin
    ModelOptions options = new ModelOptions();

    @Option(names = {"-p", "--prompt"}, required = true, description = "The prompt text (raw, no chat template).")
    String prompt;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        try (Model model = Model.load(options.model, KernelCompute.preferred(options.threads()))) {
            int[] tokens = model.encodePrompt(prompt);
            Session session = options.newSession(model);
            GenerationOptions gen = GenerationOptions.builder().maxTokens(options.maxTokens)
                    .sampling(options.sampling()).build();
            GenerationResult r = model.generator().generate(session, tokens, gen, (token, text) -> {
                out.print(text);
                out.flush();
            });
            out.println();
            out.flush();
            err.println(Stats.line(r, options.threads()));
            err.flush();
        }
        return 0;
    }
}

package dev.catena.cli.llm;

import dev.catena.llm.compute.kernel.KernelCompute;
import dev.catena.llm.model.GenerationOptions;
import dev.catena.llm.model.GenerationResult;
import dev.catena.llm.model.Model;
import dev.catena.llm.model.Session;
import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.data.message.SystemMessage;
import dev.langchain4j.data.message.UserMessage;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

/**
 * {@code catena chat}: an interactive conversation on standard input. The session keeps the KV cache
 * between turns, so each turn only processes its new tokens. {@code /reset} starts over, {@code /exit} (or
 * end of input) quits.
 */
@Command(name = "chat", mixinStandardHelpOptions = true, description = "Chat with a local model.")
public final class ChatCommand implements Callable<Integer> {

    @Mixin
    ModelOptions options = new ModelOptions();

    @Option(names = {"-s", "--system"}, description = "A system prompt.")
    String system;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws IOException {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        try (Model model = Model.load(options.model, KernelCompute.preferred(options.threads()))) {
            Session session = options.newSession(model);
            List<ChatMessage> messages = new ArrayList<>();
            if (system != null) {
                messages.add(SystemMessage.from(system));
            }
            GenerationOptions gen = GenerationOptions.builder().maxTokens(options.maxTokens)
                    .sampling(options.sampling()).stopStrings(model.template().stopStrings()).build();
            while (true) {
                out.print("> ");
                out.flush();
                String line = in.readLine();
                if (line == null || line.strip().equals("/exit")) {
                    break;
                }
                if (line.strip().equals("/reset")) {
                    messages.removeIf(m -> !(m instanceof SystemMessage));
                    session.reset();
                    continue;
                }
                if (line.isBlank()) {
                    continue;
                }
                messages.add(UserMessage.from(line));
                int[] prompt = model.encodePrompt(model.template().render(messages, List.of(), true));
                GenerationResult r = model.generator().generate(session, prompt, gen, (token, text) -> {
                    out.print(text);
                    out.flush();
                });
                out.println();
                messages.add(AiMessage.from(r.text()));
                err.println(Stats.line(r, options.threads()));
                err.flush();
            }
        }
        return 0;
    }
}

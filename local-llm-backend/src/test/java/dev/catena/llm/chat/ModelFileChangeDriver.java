package dev.catena.llm.chat;

import dev.catena.llm.batch.GenerationHandle;
import dev.catena.llm.compute.kernel.KernelBackends;
import dev.catena.llm.model.GenerationOptions;
import dev.catena.llm.model.Model;
import dev.catena.llm.sampling.SamplingParams;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.model.chat.request.ChatRequest;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Run in a JVM of its own by {@link ModelFileChangeTest}: loads a model through a {@link ModelRegistry}, answers
 * once, changes the model file ({@code truncate}, {@code overwrite} with another model, {@code delete}) from inside
 * an answer in progress (between two of its steps), then asks again and asks the registry for the model again. Prints one line per step; a
 * crash of the JVM (SIGBUS on a truncated mapping) shows as a missing {@code END} and a non-zero exit code.
 */
public final class ModelFileChangeDriver {

    public static void main(String[] args) throws Exception {
        String mode = args[0];
        Path file = Path.of(args[1]);
        Path replacement = Path.of(args[2]);
        System.out.println("BACKEND " + KernelBackends.preferred().getClass().getSimpleName());
        try (ModelRegistry registry = new ModelRegistry(1)) {
            Model model = registry.get(file);
            LocalChatModel chat = chat(model);
            System.out.println("FIRST " + chat.chat(request()).finishReason());

            AtomicBoolean changed = new AtomicBoolean();
            // the change is made from a listener of the scheduler, which runs between two steps: the next step must
            // find the file changed (a change in the middle of a step over mapped weights could not be survived)
            int[] prompt = model.encodePrompt(model.template().render(request().messages(), java.util.List.of(), true));
            GenerationOptions options = GenerationOptions.builder().maxTokens(8).sampling(SamplingParams.greedy()).build();
            GenerationHandle handle = chat.scheduler().submit(prompt, options, (token, text) -> {
                if (changed.compareAndSet(false, true)) change(mode, file, replacement);
            });
            Throwable inFlight = null;
            try {
                handle.await();
            } catch (RuntimeException e) {
                inFlight = e;
            }
            System.out.println("INFLIGHT " + (changed.get() ? "" : "(the file was not changed) ") + describe(inFlight));

            try {
                System.out.println("LATER answered: " + chat.chat(request()).finishReason());
            } catch (RuntimeException e) {
                System.out.println("LATER " + describe(e));
            }
            try {
                Model again = registry.get(file);
                System.out.println("RELOADED " + (again != model ? "a new model" : "the same model") + ", " + chat(again).chat(request()).finishReason());
            } catch (RuntimeException e) {
                System.out.println("RELOADED " + describe(e));
            }
        }
        System.out.println("END");
    }

    private static LocalChatModel chat(Model model) {
        return LocalChatModel.builder().model(model).sampling(SamplingParams.greedy()).maxTokens(8).build();
    }

    private static ChatRequest request() {
        return ChatRequest.builder().messages(UserMessage.from("Hello there, how are you today?")).build();
    }

    private static void change(String mode, Path file, Path replacement) {
        try {
            switch (mode) {
                case "truncate" -> {
                    try (FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE)) {
                        channel.truncate(channel.size() / 2);
                    }
                }
                case "overwrite" -> Files.write(file, Files.readAllBytes(replacement)); // in place: same inode, cut then written
                case "delete" -> Files.delete(file);
                default -> throw new IllegalArgumentException("unknown change " + mode);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String describe(Throwable e) {
        return e == null ? "none" : (e.getClass().getSimpleName() + ": " + e.getMessage()).replace('\n', ' ');
    }
}

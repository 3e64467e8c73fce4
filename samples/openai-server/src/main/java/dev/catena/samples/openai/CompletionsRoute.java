package dev.catena.samples.openai;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;

/**
 * {@code POST /v1/completions}, OpenAI's legacy text completions: each prompt continued {@code n} times (side by
 * side), as one {@code text_completion} body or as server-sent chunks. Checked and context-tested before a place is
 * taken ({@link Admission}).
 */
@ApplicationScoped
public class CompletionsRoute {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Inject
    Admission admission;

    /** Answers a checked request ({@link ModelRoutes} mounts it) with the served model {@code model}, called {@code name}. */
    void handle(RoutingContext rc, CompletionRequest request, String name, Object model) {
        List<String> prompts = request.prompts();
        List<TextCompletion> runs = new ArrayList<>();
        for (String prompt : prompts) {
            TextCompletion prepared = TextCompletion.prepare(model, name, prompt, request);
            for (int j = 0; j < request.choices(); j++) runs.add(prepared);
        }
        String id = "cmpl-" + UUID.randomUUID();
        long created = System.currentTimeMillis() / 1000;
        boolean streaming = Boolean.TRUE.equals(request.stream());
        SseStream sse = new SseStream(rc.response());
        try (Admission.Permit ignored = admission.enter()) {
            List<CompletableFuture<TextCompletion.Result>> started = new ArrayList<>();
            for (int i = 0; i < runs.size(); i++) {
                int index = i;
                TextCompletion run = runs.get(i);
                started.add(CompletableFuture.supplyAsync(() -> run.run(text -> {
                    if (streaming) sse.send(chunk(id, created, name, index, text, null, request.includeUsage()));
                }, sse::closed), Thread::startVirtualThread));
            }
            List<TextCompletion.Result> results = new ArrayList<>();
            try {
                for (int i = 0; i < started.size(); i++) {
                    results.add(ModelRoutes.join(started.get(i)));
                    if (streaming) sse.send(chunk(id, created, name, i, "", results.get(i).finishReason(), request.includeUsage()));
                }
            } catch (RuntimeException e) {
                if (!sse.started()) throw e;
                sse.fail(Failures.toApiError(e, admission));
                return;
            }
            ObjectNode usage = usage(results, request.choices());
            if (streaming) {
                if (request.includeUsage()) {
                    ObjectNode last = head(id, created, name);
                    last.putArray("choices");
                    last.set("usage", usage);
                    sse.send(last.toString());
                }
                sse.done();
                return;
            }
            ObjectNode out = head(id, created, name);
            ArrayNode choices = out.putArray("choices");
            for (int i = 0; i < results.size(); i++) {
                String prefix = Boolean.TRUE.equals(request.echo()) ? prompts.get(i / request.choices()) : "";
                ObjectNode choice = choices.addObject().put("text", prefix + results.get(i).text()).put("index", i);
                choice.putNull("logprobs");
                choice.put("finish_reason", results.get(i).finishReason());
            }
            out.set("usage", usage);
            rc.response().putHeader("Content-Type", "application/json").end(out.toString());
        }
    }

    private static ObjectNode head(String id, long created, String model) {
        return JSON.createObjectNode().put("id", id).put("object", "text_completion").put("created", created).put("model", model);
    }

    private static String chunk(String id, long created, String model, int index, String text, String finishReason, boolean withUsage) {
        ObjectNode out = head(id, created, model);
        ObjectNode choice = out.putArray("choices").addObject().put("text", text).put("index", index);
        choice.putNull("logprobs");
        if (finishReason == null) choice.putNull("finish_reason"); else choice.put("finish_reason", finishReason);
        if (withUsage) out.putNull("usage");
        return out.toString();
    }

    /** Each prompt counted once, every completion summed. */
    private static ObjectNode usage(List<TextCompletion.Result> results, int n) {
        int in = 0;
        int gen = 0;
        for (int i = 0; i < results.size(); i++) {
            if (i % n == 0) in += results.get(i).promptTokens();
            gen += results.get(i).completionTokens();
        }
        return JSON.createObjectNode().put("prompt_tokens", in).put("completion_tokens", gen).put("total_tokens", in + gen);
    }
}

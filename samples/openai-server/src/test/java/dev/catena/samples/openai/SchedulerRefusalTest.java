package dev.catena.samples.openai;

import dev.catena.llm.batch.BatchConfig;
import dev.catena.llm.batch.BatchScheduler;
import dev.catena.llm.batch.GenerationHandle;
import dev.catena.llm.batch.SchedulerOverloadedException;
import dev.catena.llm.compute.kernel.KernelCompute;
import dev.catena.llm.model.GenerationOptions;
import dev.catena.llm.model.Model;
import dev.catena.llm.model.TokenListener;
import dev.catena.llm.sampling.SamplingParams;
import dev.catena.llm.tools.RandomLlama;
import java.nio.file.Path;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

/** The local model's scheduler refusing a request (slots and queue full) reaches the client as 429 with Retry-After. */
class SchedulerRefusalTest {

    @Test
    void aFullSchedulerIsA429WithRetryAfter(@TempDir Path dir) {
        Path file = dir.resolve("tiny.gguf");
        new RandomLlama(RandomLlama.TINY, RandomLlama.Mix.Q8_0, 3, 1).write(file, name -> {});
        Admission admission = new Admission(64, 1);
        try (Model model = Model.load(file, KernelCompute.preferred(1));
             BatchScheduler scheduler = new BatchScheduler(model, BatchConfig.of(1, 256).withQueueCapacity(0))) {
            int[] prompt = model.encodePrompt("hello");
            GenerationOptions longRun = GenerationOptions.builder().maxTokens(200).sampling(SamplingParams.greedy()).build();
            GenerationHandle running = scheduler.submit(prompt, longRun, TokenListener.none());

            Throwable refused = catchThrowable(() -> scheduler.submit(prompt, longRun, TokenListener.none()));
            assertThat(refused).isInstanceOf(SchedulerOverloadedException.class);

            OpenAiErrors.ApiError error = Failures.toApiError(new CompletionException(refused), admission);
            assertThat(error.status).isEqualTo(429);
            assertThat(error.retryAfterSeconds).isGreaterThanOrEqualTo(1);
            assertThat(error.body().at("/error/code").asText()).isEqualTo("rate_limit_exceeded");
            assertThat(error.getMessage()).contains("slots");

            assertThat(admission.refusal(new IllegalStateException("other"))).isNull();
            running.cancel();
        }
    }
}

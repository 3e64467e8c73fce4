package dev.catena.llm.batch;

import dev.catena.llm.model.KvCacheType;

import java.util.Objects;

/**
 * How a {@link BatchScheduler} admits and runs requests.
 *
 * @param slots         requests decoded together; each slot owns one KV cache of {@code contextLength} positions,
 *                      so this bounds the KV memory ({@link BatchMetrics#kvBytesPerSlot()} per slot)
 * @param queueCapacity requests that may wait for a slot; beyond slots plus queue a request is refused at once
 *                      with {@link SchedulerOverloadedException}
 * @param contextLength positions of each slot's KV cache (prompt plus generated tokens)
 * @param kvCache       how the KV caches store keys and values
 * @param prefillChunk  prompt tokens processed per step at most, so a long prompt is fed in chunks between the
 *                      decode steps of the others
 * @param prefixReuse   whether a slot keeps its tokens after its request, so that a new request sharing a prefix
 *                      with them (the next turn of a chat) starts from it
 */
public record BatchConfig(int slots, int queueCapacity, int contextLength, KvCacheType kvCache, int prefillChunk,
                          boolean prefixReuse) {

    /** Prompt tokens per step by default: large enough to keep prefill efficient, small enough not to stall decoding long. */
    public static final int DEFAULT_PREFILL_CHUNK = 128;

    public BatchConfig {
        positive("slots", slots);
        if (queueCapacity < 0) {
            throw new IllegalArgumentException("queueCapacity must be at least 0, got " + queueCapacity);
        }
        positive("contextLength", contextLength);
        Objects.requireNonNull(kvCache, "kvCache");
        positive("prefillChunk", prefillChunk);
    }

    /** {@code slots} slots, a queue of four times as many, F32 caches, prompts in chunks of 128, prefix reuse on. */
    public static BatchConfig of(int slots, int contextLength) {
        return new BatchConfig(slots, 4 * slots, contextLength, KvCacheType.F32, DEFAULT_PREFILL_CHUNK, true);
    }

    public BatchConfig withQueueCapacity(int v) {
        return new BatchConfig(slots, v, contextLength, kvCache, prefillChunk, prefixReuse);
    }

    public BatchConfig withKvCache(KvCacheType v) {
        return new BatchConfig(slots, queueCapacity, contextLength, v, prefillChunk, prefixReuse);
    }

    public BatchConfig withPrefillChunk(int v) {
        return new BatchConfig(slots, queueCapacity, contextLength, kvCache, v, prefixReuse);
    }

    public BatchConfig withPrefixReuse(boolean v) {
        return new BatchConfig(slots, queueCapacity, contextLength, kvCache, prefillChunk, v);
    }

    private static void positive(String name, int value) {
        if (value < 1) {
            throw new IllegalArgumentException(name + " must be positive, got " + value);
        }
    }
}

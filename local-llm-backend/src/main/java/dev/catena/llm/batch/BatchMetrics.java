package dev.catena.llm.batch;

/**
 * A snapshot of a {@link BatchScheduler}.
 *
 * @param slots              slots configured
 * @param active             requests holding a slot now
 * @param queued             requests waiting for a slot
 * @param kvBytesPerSlot     the most KV memory one slot holds (a full context)
 * @param kvBytesAllocated   KV memory allocated now over all slots (caches grow with the positions they hold)
 * @param steps              forward steps run so far
 * @param generatedTokens    tokens generated so far, all requests together
 * @param reusedPromptTokens prompt tokens taken from a slot's kept cache instead of being computed (prefix reuse)
 * @param refused            requests refused because slots and queue were full
 */
public record BatchMetrics(int slots, int active, int queued, long kvBytesPerSlot, long kvBytesAllocated,
                           long steps, long generatedTokens, long reusedPromptTokens, long refused) {
}

/**
 * Continuous batching: a {@link dev.catena.llm.batch.BatchScheduler} owns a model's forward passes and advances
 * every running request by one token per step (one pass over the weights for all of them), admitting queued
 * requests and dropping finished or cancelled ones between steps, with long prompts fed in chunks between decode
 * steps.
 */
package dev.catena.llm.batch;

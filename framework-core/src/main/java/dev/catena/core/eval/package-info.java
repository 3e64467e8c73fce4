/**
 * Evaluations: a JSONL dataset of cases ({@link dev.catena.core.eval.EvalDataset}), scorers
 * ({@link dev.catena.core.eval.Scorer}: exact, contains, numeric within a tolerance, valid against a
 * JSON Schema, or any function), and a run of a {@link dev.catena.core.runnable.Runnable} over the cases
 * ({@link dev.catena.core.eval.Evaluation}) that records each case's score, latency and token counts in an
 * {@link dev.catena.core.eval.EvalReport} (a table for people, JSON for tools).
 */
package dev.catena.core.eval;

package dev.catena.quarkus.runtime.devui;

import java.util.List;

/**
 * One run of a trace as the Dev UI shows it: a node of the run tree, with the runs it started.
 *
 * @param id             the run's id
 * @param name           the step's name (a YAML component's name for the root of its runs)
 * @param type           {@code chain}, {@code agent}, {@code llm}, {@code prompt}, {@code parser}, {@code retriever} or {@code tool}
 * @param startedAt      when it started, ISO-8601
 * @param durationMillis how long it ran, or -1 while it runs
 * @param status         {@code running}, {@code success} or {@code error}
 * @param input          its input as text, cut to a few hundred characters
 * @param output         its output (or the error's message) as text, cut likewise
 * @param children       the runs it started, in start order
 */
public record RunNode(String id, String name, String type, String startedAt, long durationMillis, String status,
                      String input, String output, List<RunNode> children) {

    public RunNode {
        children = List.copyOf(children);
    }
}

package dev.catena.llm.template;

import java.time.Duration;
import java.util.Objects;

/**
 * The sandbox bounds of one render of an untrusted chat template. Exceeding any of them ends the render
 * with a {@link ChatTemplateException}.
 *
 * @param maxOutputChars   the longest rendered prompt, and the longest string built on the way
 * @param maxSteps         template nodes (text, expression, tag) evaluated, loop bodies included
 * @param timeout          wall-clock time for one render
 * @param maxDepth         nesting of tags and macro calls (recursion)
 * @param maxCollection    elements of a list or map built by the template; also the largest {@code range()}
 */
public record TemplateLimits(long maxOutputChars, long maxSteps, Duration timeout, int maxDepth, int maxCollection) {

    /** Generous for real templates (a long conversation renders in well under these), small for abuse. */
    public static final TemplateLimits DEFAULT = new TemplateLimits(4_000_000, 2_000_000, Duration.ofSeconds(5), 64, 100_000);

    public TemplateLimits {
        Objects.requireNonNull(timeout, "timeout");
        if (maxOutputChars <= 0 || maxSteps <= 0 || maxDepth <= 0 || maxCollection <= 0 || timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("template limits must be positive: " + this);
        }
    }
}

package dev.catena.core.parser;

import dev.catena.core.model.ConstrainedGeneration;
import dev.catena.core.model.OutputConstraint;
import dev.langchain4j.model.chat.ChatModel;

import java.util.concurrent.atomic.AtomicBoolean;

/** How parsers ask a model for their format: a constrained view when it has one, else the model itself (said once in the log). */
final class Constraining {

    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(Constraining.class);
    private static final AtomicBoolean FALLBACK_LOGGED = new AtomicBoolean();

    private Constraining() {}

    /** {@code model} held to {@code constraint} if it can be; {@code parser} names the format in the log. */
    static ChatModel constrain(ChatModel model, OutputConstraint constraint, String parser) {
        if (model instanceof ConstrainedGeneration c) {
            try {
                return c.constrainedTo(constraint);
            } catch (IllegalArgumentException e) {
                LOG.warn("The format of {} cannot be enforced by {} ({}); using instructions and validation instead",
                        parser, model, e.getMessage());
                return model;
            }
        }
        if (FALLBACK_LOGGED.compareAndSet(false, true)) {
            LOG.info("{} cannot constrain its output; {} falls back to format instructions and validation",
                    model.getClass().getSimpleName(), parser);
        }
        return model;
    }
}

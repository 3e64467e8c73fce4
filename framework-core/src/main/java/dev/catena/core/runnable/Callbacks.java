package dev.catena.core.runnable;

import dev.catena.core.callback.CallbackHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.function.Consumer;

/** Calls handlers so that a failing handler is logged and never breaks the run it observes. */
final class Callbacks {
    private static final Logger LOG = LoggerFactory.getLogger(Callbacks.class);

    private Callbacks() {}

    static void safely(CallbackHandler handler, Consumer<CallbackHandler> call) {
        try {
            call.accept(handler);
        } catch (RuntimeException e) {
            LOG.warn("Callback handler {} failed: {}", handler.getClass().getName(), e.toString());
        }
    }
}

package dev.catena.core.tracing;

import dev.catena.core.callback.CallbackHandler;

import java.util.Optional;

/**
 * Switches OpenTelemetry tracing on only when the OpenTelemetry API is on the classpath: without it,
 * {@link #globalHandler()} is empty and no OpenTelemetry class is ever loaded.
 */
public final class OpenTelemetrySupport {
    private OpenTelemetrySupport() {}

    /** True when {@code io.opentelemetry:opentelemetry-api} can be loaded. */
    public static boolean isAvailable() {
        try {
            Class.forName("io.opentelemetry.api.GlobalOpenTelemetry", false, OpenTelemetrySupport.class.getClassLoader());
            return true;
        } catch (ClassNotFoundException | LinkageError e) {
            return false;
        }
    }

    /** A handler over {@code GlobalOpenTelemetry}, or empty when OpenTelemetry is absent. */
    public static Optional<CallbackHandler> globalHandler() {
        if (!isAvailable()) return Optional.empty();
        return Optional.of(Global.handler());
    }

    /** Holds the only references to OpenTelemetry types, so they resolve only after the check above. */
    private static final class Global {
        static CallbackHandler handler() {
            return OpenTelemetryCallbackHandler.create(io.opentelemetry.api.GlobalOpenTelemetry.get());
        }
    }
}

package dev.catena.samples.openai;

import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * Mounts the model routes, {@code /v1/completions} ({@link CompletionsRoute}) and {@code /v1/chat/completions}
 * ({@link ChatCompletionsRoute}), alike: a POST with a 4 MiB body limit, handled on a worker thread; the body read
 * strictly ({@link RequestBodies}) and checked; the model it names looked up; and a failure answered as OpenAI's error.
 */
@ApplicationScoped
public class ModelRoutes {

    /** Answers one checked request with the served model {@code model}, called {@code name}. */
    @FunctionalInterface
    interface ModelHandler<R> {
        void handle(RoutingContext rc, R request, String name, Object model);
    }

    @Inject
    CompletionsRoute completions;

    @Inject
    ChatCompletionsRoute chatCompletions;

    @Inject
    ServedModels models;

    @Inject
    Admission admission;

    @ConfigProperty(name = "openai-server.max-choices", defaultValue = "8")
    int maxChoices;

    void register(@Observes Router router) {
        post(router, "/v1/completions", CompletionRequest.class, completions::handle);
        post(router, "/v1/chat/completions", ChatCompletionRequest.class, chatCompletions::handle);
    }

    /** Serves {@code POST path}: bodies of {@code type}, answered by {@code handler}. */
    private <R extends ModelRequest> void post(Router router, String path, Class<R> type, ModelHandler<R> handler) {
        router.post(path).handler(BodyHandler.create().setBodyLimit(4 * 1024 * 1024)).blockingHandler(rc -> {
            try {
                R request = RequestBodies.read(rc.body().asString(), type);
                request.validate(maxChoices);
                String name = models.name(request.model());
                handler.handle(rc, request, name, models.lookup(name));
            } catch (RuntimeException e) {
                Failures.respond(rc.response(), Failures.toApiError(e, admission));
            }
        }, false);
    }

    /** The result of a generation run on another thread; what it threw, rethrown as it is when unchecked. */
    static <T> T join(CompletableFuture<T> run) {
        try {
            return run.join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof RuntimeException r) throw r;
            throw e;
        }
    }
}

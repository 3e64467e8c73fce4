package dev.catena.quarkus.runtime;

import dev.langchain4j.service.TokenStream;
import dev.langchain4j.spi.services.TokenStreamAdapter;
import io.smallrye.mutiny.Multi;

import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;

/**
 * Lets a typed service method ({@code @RegisterCatenaService}) return {@code Multi<String>}: LangChain4j's
 * {@code AiServices} finds this adapter through {@code ServiceLoader} and hands it the method's
 * {@link TokenStream}, which starts when the {@code Multi} is subscribed; each partial response is
 * one item, and cancelling stops forwarding (the model's stream is left to finish).
 */
public final class MultiTokenStreamAdapter implements TokenStreamAdapter {

    @Override
    public boolean canAdaptTokenStreamTo(Type type) {
        return type instanceof ParameterizedType p && p.getRawType() == Multi.class
                && p.getActualTypeArguments().length == 1 && p.getActualTypeArguments()[0] == String.class;
    }

    @Override
    public Object adapt(TokenStream tokenStream) {
        return Multi.createFrom().<String>emitter(emitter -> tokenStream
                .onPartialResponse(token -> {
                    if (!emitter.isCancelled()) emitter.emit(token);
                })
                .onCompleteResponse(response -> emitter.complete())
                .onError(emitter::fail)
                .start());
    }
}

package dev.catena.quarkus.deployment;

import dev.catena.core.runnable.Runnable;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import io.quarkus.test.QuarkusUnitTest;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import jakarta.inject.Singleton;
import org.jboss.shrinkwrap.api.asset.StringAsset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * With OpenTelemetry present, every YAML chain run is traced through the application's
 * {@link OpenTelemetry} bean: one span per step, the model's span a child of the chain's.
 */
class CatenaTracingTest {

    static final InMemorySpanExporter SPANS = InMemorySpanExporter.create();

    @RegisterExtension
    static final QuarkusUnitTest app = new QuarkusUnitTest()
            .withApplicationRoot(jar -> jar
                    .addClass(TracingProducer.class)
                    .addAsResource(new StringAsset("""
                            apiVersion: catena/v1
                            kind: Bundle
                            models:
                              - {name: scripted-model, type: scripted, responses: ["Bonjour"]}
                            chains:
                              - name: translate
                                type: llm
                                model: {ref: scripted-model}
                                template: "Translate to French: {text}"
                            """), "catena/translate.yaml"));

    /** What quarkus-opentelemetry would provide: the application's OpenTelemetry. */
    @Singleton
    public static class TracingProducer {
        @Produces
        @Singleton
        OpenTelemetry openTelemetry() {
            return OpenTelemetrySdk.builder().setTracerProvider(SdkTracerProvider.builder()
                    .addSpanProcessor(SimpleSpanProcessor.create(SPANS)).build()).build();
        }
    }

    @Inject
    @Named("translate")
    @SuppressWarnings("rawtypes")
    Runnable translate;

    @Test
    @SuppressWarnings("unchecked")
    void aChainRunIsTracedWithTheModelSpanNestedInTheChainSpan() {
        SPANS.reset();

        assertThat(translate.invoke(Map.of("text", "Hello")).toString()).contains("Bonjour");

        List<SpanData> spans = SPANS.getFinishedSpanItems();
        SpanData chain = spans.stream().filter(s -> s.getName().equals("translate")).findFirst().orElseThrow(
                () -> new AssertionError("no span named 'translate' in " + spans.stream().map(SpanData::getName).toList()));
        assertThat(spans).as("model call under the chain").anySatisfy(s -> {
            assertThat(s.getParentSpanId()).isEqualTo(chain.getSpanId());
            assertThat(s.getTraceId()).isEqualTo(chain.getTraceId());
        });
        assertThat(spans.stream().flatMap(s -> s.getAttributes().asMap().keySet().stream()).map(Object::toString))
                .anyMatch(k -> k.startsWith("gen_ai."));
    }
}

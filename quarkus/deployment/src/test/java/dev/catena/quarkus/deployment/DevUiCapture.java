package dev.catena.quarkus.deployment;

import io.quarkus.builder.BuildChainBuilder;
import io.quarkus.builder.BuildContext;
import io.quarkus.builder.BuildStep;
import io.quarkus.deployment.builditem.FeatureBuildItem;
import io.quarkus.devui.spi.page.CardPageBuildItem;
import io.quarkus.devui.spi.page.Page;
import io.quarkus.devui.spi.page.PageBuilder;

import java.util.function.Consumer;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Stands in for Dev UI, which consumes the Catena card in dev mode only: a build step that hands the
 * card's build-time data, page titles and web component links to the test through system properties
 * (the build runs in another class loader).
 */
final class DevUiCapture {

    static final String PROPERTY = "catena.test.devui.";

    private DevUiCapture() {}

    static Consumer<BuildChainBuilder> step() {
        return chain -> chain.addBuildStep(new BuildStep() {
            @Override
            public void execute(BuildContext context) {
                for (CardPageBuildItem card : context.consumeMulti(CardPageBuildItem.class)) {
                    if (!card.getBuildTimeData().containsKey(CatenaDevUiProcessor.MODELS)) continue;
                    card.getBuildTimeData().forEach((key, data) -> System.setProperty(PROPERTY + key, String.valueOf(data.getContent())));
                    System.setProperty(PROPERTY + "pages", card.getPages().stream().map(p -> p.build().getTitle()).toList().toString());
                    System.setProperty(PROPERTY + "componentLinks", card.getPages().stream().map(PageBuilder::build)
                            .map(Page::getComponentLink).filter(l -> l != null && l.startsWith("qwc-catena")).toList().toString());
                }
                context.produce(new FeatureBuildItem("catena-devui-test"));
            }
        }).consumes(CardPageBuildItem.class).produces(FeatureBuildItem.class).build();
    }

    static String data(String key) {
        String value = System.getProperty(PROPERTY + key);
        assertThat(value).as("build-time data '%s' of the Catena card", key).isNotNull();
        return value;
    }

    static void clear() {
        System.getProperties().keySet().removeIf(k -> k.toString().startsWith(PROPERTY));
    }
}

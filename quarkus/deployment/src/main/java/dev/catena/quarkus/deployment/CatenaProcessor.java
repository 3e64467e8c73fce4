package dev.catena.quarkus.deployment;

import dev.catena.chains.yaml.CatenaFileException;
import dev.catena.chains.yaml.CatenaLoader;
import dev.catena.chains.yaml.ComponentDefinition;
import dev.catena.chains.yaml.ComponentRegistry;
import dev.catena.chains.yaml.Definition;
import dev.catena.core.component.ComponentType;
import dev.catena.quarkus.runtime.CatenaBuildConfig;
import dev.catena.quarkus.runtime.CatenaHealthCheck;
import dev.catena.quarkus.runtime.CatenaMemoryProducer;
import dev.catena.quarkus.runtime.CatenaMetrics;
import dev.catena.quarkus.runtime.CatenaTracing;
import io.quarkus.bootstrap.classloading.QuarkusClassLoader;
import dev.catena.quarkus.runtime.CatenaRecorder;
import dev.catena.quarkus.runtime.CatenaRuntime;
import io.quarkus.arc.deployment.AdditionalBeanBuildItem;
import io.quarkus.arc.deployment.SyntheticBeanBuildItem;
import io.quarkus.deployment.Capabilities;
import io.quarkus.deployment.Capability;
import io.quarkus.deployment.annotations.BuildProducer;
import io.quarkus.deployment.annotations.BuildStep;
import io.quarkus.deployment.annotations.ExecutionTime;
import io.quarkus.deployment.annotations.Record;
import io.quarkus.deployment.builditem.ApplicationArchivesBuildItem;
import io.quarkus.deployment.builditem.FeatureBuildItem;
import io.quarkus.deployment.builditem.HotDeploymentWatchedFileBuildItem;
import io.quarkus.smallrye.health.deployment.spi.HealthBuildItem;
import jakarta.inject.Named;
import jakarta.inject.Singleton;
import org.eclipse.microprofile.config.ConfigProvider;
import org.jboss.jandex.AnnotationInstance;
import org.jboss.jandex.DotName;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Stream;

/**
 * Build-time half of the Catena extension: finds the YAML files under {@code catena.directory},
 * validates them (a bad file fails the build with file:line:column), and turns every chain and
 * agent into a {@code @Named} bean created at run time.
 */
class CatenaProcessor {

    private static final String FEATURE = "catena";

    @BuildStep
    FeatureBuildItem feature() {
        return new FeatureBuildItem(FEATURE);
    }

    @BuildStep
    AdditionalBeanBuildItem beans(Capabilities capabilities) {
        AdditionalBeanBuildItem.Builder b = AdditionalBeanBuildItem.builder().setUnremovable()
                .addBeanClasses(CatenaRuntime.class, CatenaMemoryProducer.class);
        if (capabilities.isPresent(Capability.METRICS)) b.addBeanClass(CatenaMetrics.class);
        if (QuarkusClassLoader.isClassPresentAtRuntime("io.opentelemetry.api.OpenTelemetry")) b.addBeanClass(CatenaTracing.class);
        return b.build();
    }

    @BuildStep
    void health(Capabilities capabilities, BuildProducer<HealthBuildItem> health) {
        if (capabilities.isPresent(Capability.SMALLRYE_HEALTH)) {
            health.produce(new HealthBuildItem(CatenaHealthCheck.class.getName(), true));
        }
    }

    @BuildStep
    CatenaFilesBuildItem validate(ApplicationArchivesBuildItem archives, CatenaBuildConfig config,
                                  io.quarkus.deployment.builditem.CombinedIndexBuildItem index,
                                  BuildProducer<HotDeploymentWatchedFileBuildItem> watched) {
        Path dir = findDirectory(archives, config.directory());
        if (dir == null) return new CatenaFilesBuildItem(Map.of(), Map.of(), Set.of());
        Map<String, String> contents = new TreeMap<>();
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path p : (Iterable<Path>) walk.filter(Files::isRegularFile)::iterator) {
                String rel = dir.relativize(p).toString().replace('\\', '/');
                contents.put(rel, Files.readString(p));
                watched.produce(new HotDeploymentWatchedFileBuildItem(config.directory() + "/" + rel));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read Catena files in " + dir + ": " + e.getMessage(), e);
        }

        Set<String> hostBeans = namedBeans(index);
        hostBeans.addAll(configuredNames());
        hostBeans.add("memory");
        List<String> allowEnv = config.allowEnv().orElse(List.of());
        Map<String, String> placeholderEnv = new HashMap<>();
        allowEnv.forEach(n -> placeholderEnv.put(n, "build-time-placeholder"));

        CatenaLoader.Builder builder = CatenaLoader.builder().allowEnv(allowEnv.toArray(String[]::new)).environment(placeholderEnv);
        hostBeans.forEach(n -> builder.bean(n, n));
        CatenaLoader loader = builder.build();

        Map<String, String> productTypes = new LinkedHashMap<>();
        Set<String> referencedBeans = new TreeSet<>();
        StringBuilder errors = new StringBuilder();
        for (String rel : contents.keySet()) {
            if (!rel.endsWith(".yaml") && !rel.endsWith(".yml")) continue;
            try {
                Definition def = loader.read(dir.resolve(rel));
                for (ComponentDefinition c : def.components().values()) {
                    ComponentType<?, ?> type = loader.registry().find(c.kind(), c.type());
                    productTypes.put(c.name(), type.productClass().getName());
                    BeanRefs.collect(c.spec(), referencedBeans);
                }
            } catch (CatenaFileException e) {
                errors.append(e.getMessage()).append('\n');
            }
        }
        if (!errors.isEmpty()) {
            throw new IllegalStateException("Invalid Catena file(s) in " + config.directory() + "/:\n" + errors);
        }
        referencedBeans.removeAll(configuredNames());
        referencedBeans.remove("memory");
        return new CatenaFilesBuildItem(contents, productTypes, referencedBeans);
    }

    @BuildStep
    @Record(ExecutionTime.STATIC_INIT)
    void register(CatenaFilesBuildItem files, CatenaRecorder recorder, BuildProducer<SyntheticBeanBuildItem> beans) {
        recorder.setFiles(files.contents(), files.hostBeans());
        files.productTypes().forEach((name, productType) -> {
            SyntheticBeanBuildItem.ExtendedBeanConfigurator bean = SyntheticBeanBuildItem.configure(DotName.createSimple(productType))
                    .named(name)
                    .addQualifier().annotation(Named.class).addValue("value", name).done()
                    .scope(Singleton.class)
                    .unremovable()
                    .setRuntimeInit()
                    .supplier(recorder.component(name));
            for (String type : BeanTypes.of(productType)) {
                bean.addType(DotName.createSimple(type));
            }
            beans.produce(bean.done());
        });
    }

    private static Path findDirectory(ApplicationArchivesBuildItem archives, String directory) {
        Path found = archives.getRootArchive().getChildPath(directory);
        return found != null && Files.isDirectory(found) ? found : null;
    }

    /** Names of the application's {@code @Named} beans (explicit values only). */
    private static Set<String> namedBeans(io.quarkus.deployment.builditem.CombinedIndexBuildItem index) {
        Set<String> names = new TreeSet<>();
        for (AnnotationInstance a : index.getIndex().getAnnotations(DotName.createSimple(Named.class.getName()))) {
            if (a.value() != null && !a.value().asString().isBlank()) names.add(a.value().asString());
        }
        return names;
    }

    /** Names of models and stores declared in configuration ({@code catena.models.NAME.type}). */
    private static Set<String> configuredNames() {
        Set<String> names = new TreeSet<>();
        for (String key : ConfigProvider.getConfig().getPropertyNames()) {
            for (String prefix : List.of("catena.models.", "catena.stores.")) {
                if (key.startsWith(prefix) && key.endsWith(".type")) {
                    names.add(key.substring(prefix.length(), key.length() - ".type".length()));
                }
            }
        }
        return names;
    }
}

package dev.catena.quarkus.deployment;

import dev.catena.chains.yaml.CatenaFileException;
import dev.catena.chains.yaml.CatenaLoader;
import dev.catena.chains.yaml.ComponentDefinition;
import dev.catena.chains.yaml.ComponentRegistry;
import dev.catena.chains.yaml.Definition;
import dev.catena.core.component.ComponentType;
import dev.catena.quarkus.RegisterCatenaService;
import dev.catena.quarkus.runtime.CatenaBuildConfig;
import dev.catena.quarkus.runtime.CatenaConfigException;
import dev.catena.quarkus.runtime.CatenaHealthCheck;
import dev.catena.quarkus.runtime.CatenaMemoryProducer;
import dev.catena.quarkus.runtime.CatenaMetrics;
import dev.catena.quarkus.runtime.CatenaRecorder;
import dev.catena.quarkus.runtime.CatenaRuntime;
import dev.catena.quarkus.runtime.CatenaTracing;
import dev.catena.quarkus.runtime.KnownTypes;
import io.quarkus.arc.deployment.AdditionalBeanBuildItem;
import io.quarkus.arc.deployment.SyntheticBeanBuildItem;
import io.quarkus.arc.deployment.UnremovableBeanBuildItem;
import io.quarkus.bootstrap.classloading.QuarkusClassLoader;
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
import io.smallrye.common.annotation.Identifier;
import jakarta.enterprise.inject.Default;
import jakarta.inject.Named;
import jakarta.inject.Singleton;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigProvider;
import org.jboss.jandex.AnnotationInstance;
import org.jboss.jandex.ClassInfo;
import org.jboss.jandex.DotName;
import org.jboss.jandex.Type;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Stream;

/**
 * Build-time half of the Catena extension: finds the YAML files under {@code quarkus.catena.directory},
 * validates them (a bad file fails the build with file:line:column), and turns every component
 * declared there or in configuration into a bean created at run time: {@code @Named} and
 * {@code @Identifier} by its name, with its generic types, plus a {@code @Default} bean for the
 * default chat, streaming and embedding model.
 */
class CatenaProcessor {

    private static final String FEATURE = "catena";
    private static final String PREFIX = "quarkus.catena.";
    private static final Map<String, String> SECTIONS = KnownTypes.SECTIONS;

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
        if (dir == null) return new CatenaFilesBuildItem(config.directory(), Map.of(), Map.of(), Map.of(), Map.of(), Set.of());
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
        hostBeans.addAll(McpClientNames.configured());
        hostBeans.addAll(dataSourceNames());
        hostBeans.add("memory");
        List<String> allowEnv = config.allowEnv().orElse(List.of());
        Map<String, String> placeholderEnv = new HashMap<>();
        allowEnv.forEach(n -> placeholderEnv.put(n, "build-time-placeholder"));

        CatenaLoader.Builder builder = CatenaLoader.builder().allowEnv(allowEnv.toArray(String[]::new)).environment(placeholderEnv);
        hostBeans.forEach(n -> builder.bean(n, n));
        CatenaLoader loader = builder.build();

        Map<String, String> productTypes = new LinkedHashMap<>();
        Map<String, String> origins = new LinkedHashMap<>();
        Map<String, DeclaredType> declaredTypes = new LinkedHashMap<>();
        Set<String> referencedBeans = new TreeSet<>();
        StringBuilder errors = new StringBuilder();
        for (String rel : contents.keySet()) {
            if (!rel.endsWith(".yaml") && !rel.endsWith(".yml")) continue;
            try {
                Definition def = loader.read(dir.resolve(rel));
                for (ComponentDefinition c : def.components().values()) {
                    ComponentType<?, ?> type = loader.registry().find(c.kind(), c.type());
                    productTypes.put(c.name(), type.productClass().getName());
                    origins.put(c.name(), config.directory() + "/" + rel);
                    declaredTypes.put(c.name(), new DeclaredType(c.kind(), c.type()));
                    BeanRefs.collect(c.spec(), referencedBeans);
                }
            } catch (CatenaFileException e) {
                errors.append(e.getMessage()).append(missingModules(e.getMessage(), loader.registry())).append('\n');
            }
        }
        if (!errors.isEmpty()) {
            throw new IllegalStateException("Invalid Catena file(s) in " + config.directory() + "/:\n" + errors);
        }
        referencedBeans.removeAll(configuredNames());
        referencedBeans.remove("memory");
        return new CatenaFilesBuildItem(config.directory(), contents, productTypes, origins, declaredTypes, referencedBeans);
    }

    @BuildStep
    @Record(ExecutionTime.STATIC_INIT)
    void register(CatenaFilesBuildItem files, CatenaRecorder recorder, BuildProducer<SyntheticBeanBuildItem> beans) {
        recorder.setFiles(files.contents(), files.hostBeans());
        List<ComponentBean> components = new ArrayList<>(configuredComponents());
        Map<String, String> origins = new HashMap<>();
        components.forEach(c -> origins.put(c.name(), c.origin()));
        files.productTypes().forEach((name, productType) -> {
            String origin = files.origins().get(name);
            if (origins.containsKey(name)) {
                throw new IllegalStateException("The Catena component name '" + name + "' is declared twice: " + origins.get(name) + " and " + origin);
            }
            components.add(new ComponentBean(name, productType, origin, false, false));
        });
        for (ComponentBean c : components) {
            SyntheticBeanBuildItem.ExtendedBeanConfigurator bean = SyntheticBeanBuildItem.configure(DotName.createSimple(BeanTypes.implementation(c.productClass())))
                    .named(c.name())
                    .addQualifier().annotation(Identifier.class).addValue("value", c.name()).done()
                    .scope(Singleton.class)
                    .unremovable()
                    .setRuntimeInit()
                    .supplier(c.configured() ? recorder.configured(c.name()) : recorder.component(c.name()));
            bean.types(BeanTypes.of(c.productClass()).toArray(Type[]::new));
            beans.produce(bean.done());
        }
        DefaultBeans.choose(components).forEach((api, c) -> beans.produce(SyntheticBeanBuildItem.configure(DotName.createSimple(api.getName()))
                .types(Type.create(DotName.createSimple(api.getName()), Type.Kind.CLASS))
                .addQualifier(Default.class)
                .scope(Singleton.class)
                .defaultBean()
                .unremovable()
                .setRuntimeInit()
                .supplier(c.configured() ? recorder.configured(c.name()) : recorder.component(c.name()))
                .done()));
    }

    /** Each {@code @RegisterCatenaService} interface becomes a bean built on AiServices; its tool beans are kept. */
    @BuildStep
    @Record(ExecutionTime.STATIC_INIT)
    void services(io.quarkus.deployment.builditem.CombinedIndexBuildItem index, CatenaRecorder recorder,
                  BuildProducer<SyntheticBeanBuildItem> beans, BuildProducer<UnremovableBeanBuildItem> unremovable) {
        for (AnnotationInstance a : index.getIndex().getAnnotations(DotName.createSimple(RegisterCatenaService.class.getName()))) {
            ClassInfo service = a.target().asClass();
            if (!service.isInterface()) {
                throw new IllegalStateException("@RegisterCatenaService is on " + service.name() + ", which is not an interface");
            }
            beans.produce(SyntheticBeanBuildItem.configure(service.name())
                    .scope(Singleton.class)
                    .unremovable()
                    .setRuntimeInit()
                    .supplier(recorder.service(service.name().toString()))
                    .done());
            if (a.value("tools") != null) {
                for (Type tool : a.value("tools").asClassArray()) unremovable.produce(UnremovableBeanBuildItem.beanTypes(tool.name()));
            }
        }
    }

    /** The components declared in configuration, with their types' product classes; an unknown type fails the build. */
    private static List<ComponentBean> configuredComponents() {
        Config config = ConfigProvider.getConfig();
        ComponentRegistry registry = ComponentRegistry.fromServiceLoader(Thread.currentThread().getContextClassLoader());
        List<ComponentBean> out = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        for (Map.Entry<String, String> e : configuredTypes(config).entrySet()) {
            String key = e.getKey();
            String section = key.substring(PREFIX.length(), key.indexOf('.', PREFIX.length()));
            String name = key.substring(PREFIX.length() + section.length() + 1, key.length() - ".type".length());
            String kind = SECTIONS.get(section);
            ComponentType<?, ?> type = registry.find(kind, e.getValue());
            if (type == null) {
                problems.add(key + ": " + KnownTypes.unknown(registry, kind, e.getValue()));
                continue;
            }
            boolean markedDefault = config.getOptionalValue(PREFIX + section + "." + name + ".default", Boolean.class).orElse(false);
            out.add(new ComponentBean(name, type.productClass().getName(), PREFIX + section + "." + name, true, markedDefault));
        }
        if (!problems.isEmpty()) throw new CatenaConfigException(problems);
        return out;
    }

    /** {@code quarkus.catena.<section>.<name>.type} keys and their values, for names without dots. */
    static Map<String, String> configuredTypes(Config config) {
        Map<String, String> out = new TreeMap<>();
        for (String key : config.getPropertyNames()) {
            for (String section : SECTIONS.keySet()) {
                String prefix = PREFIX + section + ".";
                if (key.startsWith(prefix) && key.endsWith(".type") && key.indexOf('.', prefix.length()) == key.length() - ".type".length()) {
                    config.getOptionalValue(key, String.class).ifPresent(v -> out.put(key, v));
                }
            }
        }
        return out;
    }

    /** For each Catena type named in {@code errors} whose module is absent, which module provides it. */
    private static String missingModules(String errors, ComponentRegistry registry) {
        StringBuilder out = new StringBuilder();
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("type: ([a-z][a-z0-9-]*)|type '([a-z][a-z0-9-]*)'").matcher(errors);
        Set<String> seen = new TreeSet<>();
        while (m.find()) {
            String type = m.group(1) != null ? m.group(1) : m.group(2);
            String module = KnownTypes.module(type);
            boolean registered = registry.kinds().stream().anyMatch(k -> registry.find(k, type) != null);
            if (module != null && !registered && seen.add(type)) {
                out.append("\n  type '").append(type).append("' is provided by ").append(module).append(": add it to the application's dependencies");
            }
        }
        return out.toString();
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

    /**
     * Names of the application's datasources ({@code <default>} and each {@code quarkus.datasource.<name>}
     * with a {@code db-kind}), which a YAML file may reference as {@code {bean: name}}.
     */
    private static Set<String> dataSourceNames() {
        Set<String> names = new TreeSet<>();
        for (String key : ConfigProvider.getConfig().getPropertyNames()) {
            if (key.equals("quarkus.datasource.db-kind")) names.add("<default>");
            else if (key.startsWith("quarkus.datasource.") && key.endsWith(".db-kind")) {
                names.add(key.substring("quarkus.datasource.".length(), key.length() - ".db-kind".length()).replace("\"", ""));
            }
        }
        return names;
    }

    /** Names of the components declared in configuration ({@code quarkus.catena.models.NAME.type}...). */
    private static Set<String> configuredNames() {
        Set<String> names = new TreeSet<>();
        for (String key : configuredTypes(ConfigProvider.getConfig()).keySet()) {
            names.add(key.substring(key.indexOf('.', PREFIX.length()) + 1, key.length() - ".type".length()));
        }
        return names;
    }
}

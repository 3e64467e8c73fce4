package dev.catena.quarkus.runtime;

import dev.catena.chains.yaml.CatenaLoader;
import dev.catena.chains.yaml.ComponentRegistry;
import dev.catena.chains.yaml.Components;
import dev.catena.core.callback.CallbackHandler;
import dev.catena.core.component.Closing;
import dev.catena.core.memory.ConversationMemory;
import dev.catena.core.runnable.RunConfig;
import dev.catena.core.runnable.Runnable;
import io.quarkus.arc.Arc;
import io.quarkus.arc.InstanceHandle;
import io.quarkus.runtime.StartupEvent;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import org.eclipse.microprofile.config.ConfigProvider;
import org.jboss.logging.Logger;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Catena inside a Quarkus application: creates the configured models and stores, then loads the
 * YAML files the build validated and hands out their components (chains and agents become
 * {@code @Named} beans through this). Everything is created once, on first use, and shared.
 */
@Singleton
public class CatenaRuntime {

    private static final Logger LOG = Logger.getLogger(CatenaRuntime.class);

    /** YAML files (path relative to the Catena directory -> content), recorded at build time. */
    static volatile Map<String, String> files = Map.of();
    /** Names of the application's {@code @Named} beans that YAML files reference as {@code {bean: name}}. */
    static volatile Set<String> hostBeanNames = Set.of();

    @Inject
    CatenaConfig config;

    @Inject
    CatenaBuildConfig buildConfig;

    @Inject
    Instance<CallbackHandler> callbackHandlers;

    @Inject
    ConversationMemory memory;

    private volatile ConfiguredComponents configured;
    private ComponentRegistry registry;
    /** Where the YAML files were written for the loader. */
    private Path yamlDir;
    private final Map<String, Components> componentsByName = new ConcurrentSkipListMap<>();
    /** Every set of components loaded, closed when the application stops. */
    private final List<Components> loaded = new CopyOnWriteArrayList<>();
    /** YAML components whose creation failed because a server did not answer: name -> the problem. */
    private final Map<String, String> unavailableComponents = new ConcurrentHashMap<>();
    private volatile boolean started;
    private volatile RuntimeException startFailure;

    /** A component declared in the application's YAML files. */
    public Object component(String name) {
        start();
        Components components = componentsByName.get(name);
        if (components == null) {
            throw new IllegalArgumentException("No Catena component named '" + name + "' (declared: " + componentsByName.keySet() + ")");
        }
        Object value = create(name, components);
        if (value instanceof Runnable<?, ?> r) {
            RunConfig.Builder b = RunConfig.builder();
            callbackHandlers.forEach(b::addCallback);
            return r.withConfig(b.runName(name).build());
        }
        return value;
    }

    /**
     * A component declared in configuration ({@code quarkus.catena.models.*}, {@code stores}, {@code memories}...).
     * One that was unavailable (its database down) is created again here, so it recovers once the server answers.
     */
    public Object configured(String name) {
        start();
        if (!configured.contains(name)) throw new IllegalArgumentException("No configured Catena model or store named '" + name + "' (configured: " + configured.names() + ")");
        return configured.get(name);
    }

    /** True when {@code name} is declared in configuration rather than in a YAML file. */
    public boolean isConfigured(String name) {
        start();
        return configured.contains(name);
    }

    /** Names of everything Catena declares: configured models and stores, and YAML components. */
    public Set<String> names() {
        start();
        Set<String> all = new HashSet<>(configured.names());
        all.addAll(componentsByName.keySet());
        return all;
    }

    /** The kind ({@code Model}, {@code Chain}, {@code Agent}, {@code Store}...) of each component, configured or from YAML. */
    public Map<String, String> kinds() {
        start();
        Map<String, String> out = new TreeMap<>(configured.kinds());
        componentsByName.forEach((name, c) -> out.put(name, c.definition().components().get(name).kind()));
        return out;
    }

    /**
     * Components that could not be created because a server they need did not answer (a database down
     * at start): name -> the problem, naming the component's key or file. Empty when all are ready.
     */
    public Map<String, String> unavailable() {
        start();
        Map<String, String> out = new TreeMap<>(configured.unavailable());
        out.putAll(unavailableComponents);
        return out;
    }

    /**
     * Tries again to create every unavailable component; those whose server now answers leave
     * {@link #unavailable()}. YAML components are loaded afresh when configured ones recovered, so that
     * their references find them.
     */
    public synchronized void retryUnavailable() {
        start();
        int before = configured.unavailable().size();
        for (String name : configured.unavailable().keySet()) {
            try {
                configured.get(name);
            } catch (RuntimeException e) {
                // still unavailable: kept in unavailable() with the new problem
            }
        }
        if (unavailableComponents.isEmpty()) return;
        if (configured.unavailable().size() < before) loadFiles(unavailableComponents.keySet());
        for (String name : Set.copyOf(unavailableComponents.keySet())) {
            try {
                create(name, componentsByName.get(name));
            } catch (RuntimeException e) {
                // still unavailable
            }
        }
    }

    /** Why start-up failed, or null when it succeeded or has not run yet. */
    public RuntimeException startFailure() {
        return startFailure;
    }

    /**
     * Creates every configured component and every YAML component; idempotent. Runs when the
     * application starts, so a component that cannot be built fails the start with its key.
     */
    void onStart(@Observes StartupEvent event) {
        start();
        Map.copyOf(componentsByName).forEach((name, components) -> {
            try {
                create(name, components);
            } catch (RuntimeException e) {
                if (!unavailableComponents.containsKey(name)) throw e;
            }
        });
        unavailable().forEach((name, problem) ->
                LOG.warnf("Catena component '%s' is unavailable until its server answers: %s", name, problem));
    }

    /**
     * The YAML component {@code name}. A failure because a server did not answer, or because it references
     * a configured component that is unavailable, is kept in {@link #unavailable()} and thrown.
     */
    private Object create(String name, Components components) {
        try {
            Object value = components.get(name, Object.class);
            unavailableComponents.remove(name);
            return value;
        } catch (RuntimeException e) {
            String missing = configured.unavailable().keySet().stream()
                    .filter(n -> String.valueOf(e.getMessage()).contains("unknown bean '" + n + "'")).findFirst().orElse(null);
            if (missing != null) unavailableComponents.put(name, e.getMessage() + "; '" + missing + "' is unavailable: " + configured.unavailable().get(missing));
            else if (ConnectionFailures.isConnectionFailure(e)) unavailableComponents.put(name, e.getMessage());
            throw e;
        }
    }

    /** Closes what the YAML files created when the application stops: MCP servers they started are killed. */
    @PreDestroy
    void close() {
        Closing.closeAll(loaded);
    }

    /** Creates configured components and loads YAML files; idempotent. */
    public synchronized void start() {
        if (started) return;
        if (startFailure != null) throw startFailure;
        try {
            doStart();
            started = true;
        } catch (RuntimeException e) {
            startFailure = e;
            throw e;
        }
    }

    private void doStart() {
        rejectLegacyKeys();
        config.local().kernels().ifPresent(k -> System.setProperty("catena.kernels", k.name().toLowerCase(java.util.Locale.ROOT)));
        config.local().weights().ifPresent(w -> System.setProperty("catena.weights", w.name().toLowerCase(java.util.Locale.ROOT)));
        registry = ComponentRegistry.fromServiceLoader(Thread.currentThread().getContextClassLoader());
        configured = new ConfiguredComponents(registry, config, this::outside);
        configured.createAll().forEach((name, c) -> LOG.infof("Catena component '%s' (%s) ready", name, c.getClass().getSimpleName()));
        if (files.isEmpty()) return;

        yamlDir = writeFiles();
        loadFiles(null);
        LOG.infof("Catena loaded %d component(s) from %d file(s): %s", componentsByName.size(), files.size(), componentsByName.keySet());
    }

    /**
     * Loads the YAML files with the configured components created so far as beans, and takes the
     * components named in {@code only} from them (all when null).
     */
    private void loadFiles(Set<String> only) {
        Set<String> allowEnv = new HashSet<>(buildConfig.allowEnv().orElse(List.of()));
        CatenaLoader.Builder loader = CatenaLoader.builder().registry(registry).allowEnv(allowEnv.toArray(String[]::new));
        configured.created().forEach(loader::bean);
        loader.bean("memory", memory);
        for (String bean : hostBeanNames) {
            if (!configured.contains(bean) && !bean.equals("memory")) loader.bean(bean, hostBean(bean));
        }
        CatenaLoader built = loader.build();
        for (String file : files.keySet()) {
            if (!file.endsWith(".yaml") && !file.endsWith(".yml")) continue;
            Components components = built.load(yamlDir.resolve(file));
            loaded.add(components);
            for (String name : components.definition().components().keySet()) {
                if (only == null || only.contains(name)) componentsByName.put(name, components);
            }
        }
    }

    /** Keys of the former {@code catena.*} root would be ignored silently; each fails the start with its new name. */
    private static void rejectLegacyKeys() {
        List<String> problems = new ArrayList<>();
        for (String key : ConfigProvider.getConfig().getPropertyNames()) {
            for (String root : List.of("catena.models.", "catena.stores.", "catena.memory.", "catena.build.")) {
                if (key.startsWith(root)) {
                    String renamed = "quarkus." + (root.equals("catena.build.") ? "catena." + key.substring(root.length()) : key);
                    problems.add(key + ": Catena's configuration moved under quarkus.catena; use " + renamed);
                }
            }
        }
        if (!problems.isEmpty()) throw new CatenaConfigException(problems);
    }

    /** What a configured component may reference besides other configured ones: the default memory, host beans. */
    private Object outside(String name) {
        if (name.equals("memory")) return memory;
        return hostBean(name);
    }

    private static Path writeFiles() {
        try {
            Path dir = Files.createTempDirectory("catena-yaml");
            dir.toFile().deleteOnExit();
            List<Path> written = new ArrayList<>();
            for (Map.Entry<String, String> e : files.entrySet()) {
                Path target = dir.resolve(e.getKey()).normalize();
                if (!target.startsWith(dir)) throw new IllegalStateException("Catena file path escapes its directory: " + e.getKey());
                Files.createDirectories(target.getParent());
                Files.writeString(target, e.getValue());
                target.toFile().deleteOnExit();
                written.add(target);
            }
            return dir;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot stage Catena YAML files: " + e.getMessage(), e);
        }
    }

    /** A {@code @Named} bean of the application that a YAML file references, else its Agroal datasource of that name. */
    private static Object hostBean(String name) {
        InstanceHandle<Object> handle = Arc.container().instance(name);
        if (!handle.isAvailable() && DataSourceConversationStores.available()) {
            Optional<javax.sql.DataSource> dataSource = AgroalDataSources.named(name);
            if (dataSource.isPresent()) return dataSource.get();
        }
        if (!handle.isAvailable()) throw new IllegalStateException("no Catena component, CDI bean or datasource is named '" + name + "' (referenced as {bean: " + name + "} in a file, or by name in configuration)");
        return handle.get();
    }
}
